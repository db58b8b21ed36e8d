import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tier } from '../../../../shared/contract/members.js';
import { fenToYuanString } from '../../../../shared/money.js';
import { monthName, yuanInput } from './format.js';
import type { MemberFilter } from './members-store.js';

const STATUSES = ['active', 'frozen', 'erased', 'merged'] as const;
const SORTS = ['recent', 'spend', 'lastVisit', 'name'] as const;

interface Props {
  filter: MemberFilter;
  onChange: (filter: MemberFilter) => void;
  tiers: Tier[];
  tags: Array<{ tag: string; members: number }>;
}

/** Drops the keys whose value is unset, so the filter sent to the core holds only real conditions. */
function clean(f: MemberFilter): MemberFilter {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as MemberFilter;
}

/**
 * The list's filters: tier, tag, birthday month, last-visit range, spend range, status and
 * sort. Choices apply at once; typed amounts apply when they are valid amounts.
 */
export function MemberFilters({ filter, onChange, tiers, tags }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [minSpend, setMinSpend] = useState(filter.minSpendFen !== undefined ? fenToYuanString(filter.minSpendFen) : '');
  const [maxSpend, setMaxSpend] = useState(filter.maxSpendFen !== undefined ? fenToYuanString(filter.maxSpendFen) : '');
  const minFen = yuanInput(minSpend);
  const maxFen = yuanInput(maxSpend);

  const set = (patch: Partial<MemberFilter>) => onChange(clean({ ...filter, ...patch }));

  // Typed amounts apply after a short pause, and only when they are valid.
  useEffect(() => {
    if (minFen === undefined || maxFen === undefined) return;
    const nextMin = minFen ?? undefined;
    const nextMax = maxFen ?? undefined;
    if (nextMin === filter.minSpendFen && nextMax === filter.maxSpendFen) return;
    const timer = setTimeout(() => onChange(clean({ ...filter, minSpendFen: nextMin, maxSpendFen: nextMax })), 400);
    return () => clearTimeout(timer);
  }, [minFen, maxFen, filter, onChange]);

  const active = Object.keys(filter).filter((k) => k !== 'sort').length;
  const fid = (name: string) => `${id}-${name}`;

  return (
    <div className="member-filters" role="group" aria-label={t('members.filter.label')}>
      <div className="filter-field">
        <label htmlFor={fid('tier')}>{t('members.filter.tier')}</label>
        <select id={fid('tier')} value={filter.tierId ?? ''} onChange={(e) => set({ tierId: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">{t('members.filter.all')}</option>
          {tiers.map((tier) => (
            <option key={tier.id} value={tier.id}>
              {tier.name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={fid('tag')}>{t('members.filter.tag')}</label>
        <select id={fid('tag')} value={filter.tag ?? ''} onChange={(e) => set({ tag: e.target.value || undefined })}>
          <option value="">{t('members.filter.all')}</option>
          {tags.map((tag) => (
            <option key={tag.tag} value={tag.tag}>
              {t('members.filter.tagCount', { tag: tag.tag, count: tag.members })}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={fid('month')}>{t('members.filter.birthdayMonth')}</label>
        <select id={fid('month')} value={filter.birthdayMonth ?? ''} onChange={(e) => set({ birthdayMonth: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">{t('members.filter.all')}</option>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <option key={m} value={m}>
              {monthName(m, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={fid('status')}>{t('members.filter.status')}</label>
        <select id={fid('status')} value={filter.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as MemberFilter['status'] })}>
          <option value="">{t('members.filter.statusLive')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`members.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={fid('sort')}>{t('members.filter.sort')}</label>
        <select id={fid('sort')} value={filter.sort ?? 'recent'} onChange={(e) => set({ sort: e.target.value as MemberFilter['sort'] })}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`members.sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filter-field filter-range">
        <span className="filter-range-label" id={fid('visit')}>
          {t('members.filter.lastVisit')}
        </span>
        <div className="filter-range-inputs">
          <input
            type="date"
            aria-label={t('members.filter.lastVisitFrom')}
            value={filter.lastVisitFrom ?? ''}
            max={filter.lastVisitTo}
            onChange={(e) => set({ lastVisitFrom: e.target.value || undefined })}
          />
          <span aria-hidden="true">–</span>
          <input
            type="date"
            aria-label={t('members.filter.lastVisitTo')}
            value={filter.lastVisitTo ?? ''}
            min={filter.lastVisitFrom}
            onChange={(e) => set({ lastVisitTo: e.target.value || undefined })}
          />
        </div>
      </div>
      <div className="filter-field filter-range">
        <span className="filter-range-label">{t('members.filter.spend')}</span>
        <div className="filter-range-inputs">
          <input
            inputMode="decimal"
            autoComplete="off"
            className="money-input"
            placeholder="¥"
            aria-label={t('members.filter.minSpend')}
            aria-invalid={minFen === undefined}
            value={minSpend}
            onChange={(e) => setMinSpend(e.target.value)}
          />
          <span aria-hidden="true">–</span>
          <input
            inputMode="decimal"
            autoComplete="off"
            className="money-input"
            placeholder="¥"
            aria-label={t('members.filter.maxSpend')}
            aria-invalid={maxFen === undefined}
            value={maxSpend}
            onChange={(e) => setMaxSpend(e.target.value)}
          />
        </div>
      </div>
      <div className="filter-field filter-clear">
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-disabled={active === 0}
          onClick={() => {
            if (active === 0) return;
            setMinSpend('');
            setMaxSpend('');
            onChange({ sort: filter.sort ?? 'recent' });
          }}
        >
          {t('members.filter.clear', { count: active })}
        </button>
      </div>
      {minFen === undefined || maxFen === undefined ? (
        <p className="field-error filter-error" role="alert">
          {t('members.filter.badAmount')}
        </p>
      ) : null}
    </div>
  );
}
