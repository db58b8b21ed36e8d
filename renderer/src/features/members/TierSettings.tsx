import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tier } from '../../../../shared/contract/members.js';
import type { AppError } from '../../../../shared/errors.js';
import { fenToYuanString } from '../../../../shared/money.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { ListTable } from '../../components/ListTable.js';
import { Modal } from '../../components/Modal.js';
import { useDraft } from '../../hooks/useDraft.js';
import { DialogActions } from '../../components/SubmitButton.js';
import { formatMoney } from '../../i18n/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { fieldText, serverFieldErrors } from './field-errors.js';
import { discountLabel, intInput, multiplierLabel, yuanInput } from './format.js';
import './members.css';

interface Draft {
  id?: number;
  name: string;
  rank: string;
  minSpend: string;
  minSales: string;
  lifetime: boolean;
  windowMonths: string;
  qualifyMode: 'all' | 'any';
  pricePct: string;
  pointsPct: string;
  birthdayPerk: string;
  paid: boolean;
  fee: string;
  feeMonths: string;
  active: boolean;
}

type DraftField = 'name' | 'rank' | 'minSpend' | 'minSales' | 'windowMonths' | 'pricePct' | 'pointsPct' | 'birthdayPerk' | 'fee' | 'feeMonths';
type Errors = Partial<Record<DraftField, string>>;
const ORDER: DraftField[] = ['name', 'rank', 'minSpend', 'minSales', 'windowMonths', 'pricePct', 'pointsPct', 'birthdayPerk', 'fee', 'feeMonths'];

function draftOf(t: Tier | null, nextRank: number): Draft {
  return {
    ...(t ? { id: t.id } : {}),
    name: t?.name ?? '',
    rank: String(t?.rank ?? nextRank),
    minSpend: t ? (t.minSpendFen ? fenToYuanString(t.minSpendFen) : '0') : '0',
    minSales: String(t?.minSales ?? 0),
    lifetime: t ? t.windowMonths === null : false,
    windowMonths: String(t?.windowMonths ?? 12),
    qualifyMode: t?.qualifyMode ?? 'all',
    pricePct: String(t?.pricePct ?? 100),
    pointsPct: String(t?.pointsPct ?? 100),
    birthdayPerk: t?.birthdayPerk ?? '',
    paid: t ? t.feeFen !== null : false,
    fee: t?.feeFen != null ? fenToYuanString(t.feeFen) : '',
    feeMonths: String(t?.feeMonths ?? 12),
    active: t?.active ?? true,
  };
}

/** The draft as tiers.save input, or the fields that are wrong. */
export function tierInput(d: Draft): { ok: true; value: Parameters<typeof saveTier>[0] } | { ok: false; errors: Errors } {
  const e: Errors = {};
  const name = d.name.trim();
  if (!name) e.name = 'validation.required';
  else if (name.length > 20) e.name = 'validation.tooLong|{"max":20}';
  const rank = intInput(d.rank, 0, 20);
  if (rank == null) e.rank = 'members.tiers.rankRange';
  const minSpendFen = yuanInput(d.minSpend || '0');
  if (minSpendFen == null) e.minSpend = 'members.tiers.badAmount';
  const minSales = intInput(d.minSales || '0', 0, 100_000);
  if (minSales == null) e.minSales = 'members.tiers.badCount';
  const windowMonths = d.lifetime ? null : intInput(d.windowMonths, 1, 120);
  if (!d.lifetime && windowMonths == null) e.windowMonths = 'members.tiers.monthsRange';
  const pricePct = intInput(d.pricePct, 1, 100);
  if (pricePct == null) e.pricePct = 'members.tiers.priceRange';
  const pointsPct = intInput(d.pointsPct, 0, 1000);
  if (pointsPct == null) e.pointsPct = 'members.tiers.pointsRange';
  if (d.birthdayPerk.trim().length > 60) e.birthdayPerk = 'validation.tooLong|{"max":60}';
  const feeFen = d.paid ? yuanInput(d.fee) : null;
  if (d.paid && (feeFen == null || feeFen === 0)) e.fee = 'members.tiers.badAmount';
  const feeMonths = d.paid ? intInput(d.feeMonths, 1, 120) : null;
  if (d.paid && feeMonths == null) e.feeMonths = 'members.tiers.monthsRange';
  if (Object.keys(e).length) return { ok: false, errors: e };
  return {
    ok: true,
    value: {
      ...(d.id ? { id: d.id } : {}),
      name,
      rank: rank!,
      minSpendFen: minSpendFen!,
      minSales: minSales!,
      windowMonths: windowMonths ?? null,
      qualifyMode: d.qualifyMode,
      pricePct: pricePct!,
      pointsPct: pointsPct!,
      birthdayPerk: d.birthdayPerk.trim(),
      feeFen: d.paid ? feeFen! : null,
      feeMonths: d.paid ? feeMonths! : null,
      active: d.active,
    },
  };
}

function saveTier(input: {
  id?: number;
  name: string;
  rank: number;
  minSpendFen: number;
  minSales: number;
  windowMonths: number | null;
  qualifyMode: 'all' | 'any';
  pricePct: number;
  pointsPct: number;
  birthdayPerk: string;
  feeFen: number | null;
  feeMonths: number | null;
  active: boolean;
}) {
  return invoke('tiers.save', input);
}

function TierDialog({ tier, nextRank, onClose, onSaved }: { tier: Tier | null; nextRank: number; onClose: () => void; onSaved: (t: Tier) => void }) {
  const { t, i18n } = useTranslation();
  const { draft: d, set, errors, show } = useDraft(() => draftOf(tier, nextRank), { id: 'tier-form', order: ORDER });
  const [busy, setBusy] = useState(false);
  const err = (k: DraftField) => fieldText(t, errors[k]);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    const parsed = tierInput(d);
    if (!parsed.ok) return show(parsed.errors);
    setBusy(true);
    const r = await saveTier(parsed.value);
    setBusy(false);
    if (!r.ok) {
      const e = serverFieldErrors(r.error as AppError, ['name', 'rank', 'minSpendFen', 'minSales', 'windowMonths', 'pricePct', 'pointsPct', 'birthdayPerk', 'feeFen', 'feeMonths']);
      return show({
        ...(e.name ? { name: e.name } : {}),
        ...(e.rank ? { rank: e.rank } : {}),
        ...(e.minSpendFen ? { minSpend: e.minSpendFen } : {}),
        ...(e.feeFen ? { fee: e.feeFen } : {}),
        ...(e.feeMonths ? { feeMonths: e.feeMonths } : {}),
      });
    }
    notifySuccess('members.tiers.saved', { name: r.value.name });
    onSaved(r.value);
  };

  const price = intInput(d.pricePct, 1, 100);
  const title = tier ? t('members.tiers.editTitle', { name: tier.name }) : t('members.tiers.addTitle');
  return (
    <Modal title={title} onClose={onClose} wide>
      <form id="tier-form" className="tier-form" noValidate onSubmit={(e) => void submit(e)} aria-label={title}>
        <div className="field-pair">
          <Field label={t('members.tiers.name')} error={err('name')}>
            {(p) => <input {...p} name="name" maxLength={30} autoComplete="off" value={d.name} onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <Field label={t('members.tiers.rank')} hint={t('members.tiers.rankHint')} error={err('rank')}>
            {(p) => <input {...p} name="rank" inputMode="numeric" maxLength={3} value={d.rank} onChange={(e) => set('rank', e.target.value)} />}
          </Field>
        </div>
        <div className="field-pair">
          <Field label={t('members.tiers.price')} hint={price != null ? t('members.tiers.priceHint', { label: discountLabel(price, i18n.language) }) : t('members.tiers.priceRange')} error={err('pricePct')}>
            {(p) => <input {...p} name="pricePct" inputMode="numeric" maxLength={3} value={d.pricePct} onChange={(e) => set('pricePct', e.target.value)} />}
          </Field>
          <Field label={t('members.tiers.pointsPct')} hint={intInput(d.pointsPct, 0, 1000) != null ? t('members.tiers.pointsHint', { label: multiplierLabel(Number(d.pointsPct)) }) : undefined} error={err('pointsPct')}>
            {(p) => <input {...p} name="pointsPct" inputMode="numeric" maxLength={4} value={d.pointsPct} onChange={(e) => set('pointsPct', e.target.value)} />}
          </Field>
        </div>
        <fieldset className="form-section">
          <legend>{t('members.tiers.qualify')}</legend>
          <div className="field-pair">
            <Field label={t('members.tiers.minSpend')} hint={t('members.tiers.zeroHint')} error={err('minSpend')}>
              {(p) => <input {...p} name="minSpend" inputMode="decimal" maxLength={12} value={d.minSpend} onChange={(e) => set('minSpend', e.target.value)} />}
            </Field>
            <Field label={t('members.tiers.minSales')} hint={t('members.tiers.zeroHint')} error={err('minSales')}>
              {(p) => <input {...p} name="minSales" inputMode="numeric" maxLength={6} value={d.minSales} onChange={(e) => set('minSales', e.target.value)} />}
            </Field>
          </div>
          <div className="field-pair">
            <div>
              <label className="check-row">
                <input type="checkbox" checked={d.lifetime} onChange={(e) => set('lifetime', e.target.checked)} />
                {t('members.tiers.lifetimeCheck')}
              </label>
              {!d.lifetime ? (
                <Field label={t('members.tiers.window')} error={err('windowMonths')}>
                  {(p) => <input {...p} name="windowMonths" inputMode="numeric" maxLength={3} value={d.windowMonths} onChange={(e) => set('windowMonths', e.target.value)} />}
                </Field>
              ) : null}
            </div>
            <fieldset className="radio-stack">
              <legend className="stack-legend">{t('members.tiers.mode')}</legend>
              <label>
                <input type="radio" name="qualifyMode" checked={d.qualifyMode === 'all'} onChange={() => set('qualifyMode', 'all')} />
                {t('members.tiers.modeAll')}
              </label>
              <label>
                <input type="radio" name="qualifyMode" checked={d.qualifyMode === 'any'} onChange={() => set('qualifyMode', 'any')} />
                {t('members.tiers.modeAny')}
              </label>
            </fieldset>
          </div>
        </fieldset>
        <Field label={t('members.tiers.birthdayPerk')} optional={t('common.optional')} error={err('birthdayPerk')}>
          {(p) => <input {...p} name="birthdayPerk" maxLength={80} value={d.birthdayPerk} onChange={(e) => set('birthdayPerk', e.target.value)} />}
        </Field>
        <fieldset className="form-section">
          <legend>{t('members.tiers.paidTitle')}</legend>
          <label className="check-row">
            <input type="checkbox" checked={d.paid} onChange={(e) => set('paid', e.target.checked)} />
            {t('members.tiers.paidCheck')}
          </label>
          {d.paid ? (
            <div className="field-pair">
              <Field label={t('members.tiers.fee')} error={err('fee')}>
                {(p) => <input {...p} name="fee" inputMode="decimal" maxLength={12} value={d.fee} onChange={(e) => set('fee', e.target.value)} />}
              </Field>
              <Field label={t('members.tiers.feeMonths')} error={err('feeMonths')}>
                {(p) => <input {...p} name="feeMonths" inputMode="numeric" maxLength={3} value={d.feeMonths} onChange={(e) => set('feeMonths', e.target.value)} />}
              </Field>
            </div>
          ) : null}
        </fieldset>
        <label className="check-row">
          <input type="checkbox" checked={d.active} onChange={(e) => set('active', e.target.checked)} />
          {t('members.tiers.activeCheck')}
        </label>
        <DialogActions busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** Settings → 会员等级 (owner): the tiers, how each is earned, its discount and points; re-evaluate now. */
export function TierSettings() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [tiers, setTiers] = useState<Tier[] | null>(null);
  const [editing, setEditing] = useState<Tier | 'new' | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await invoke('tiers.list', {});
    if (r.ok) setTiers(r.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const reevaluate = async () => {
    if (busy) return;
    setBusy(true);
    const r = await invoke('tiers.reevaluate', {});
    setBusy(false);
    if (!r.ok) return;
    notifySuccess('members.tiers.reevaluated', r.value);
    void load();
  };

  const qualifies = (tier: Tier) => {
    const parts: string[] = [];
    if (tier.minSpendFen > 0) parts.push(t('members.tiers.spendAtLeast', { amount: formatMoney(tier.minSpendFen, locale) }));
    if (tier.minSales > 0) parts.push(t('members.tiers.salesAtLeast', { count: tier.minSales }));
    if (!parts.length) return tier.feeFen !== null && tier.rank > 0 ? t('members.tiers.feeOnly') : t('members.tiers.entry');
    const window = tier.windowMonths === null ? t('members.tiers.lifetime') : t('members.tiers.windowMonths', { count: tier.windowMonths });
    return t('members.tiers.qualifyLine', { window, conditions: parts.join(tier.qualifyMode === 'all' ? t('members.tiers.and') : t('members.tiers.or')) });
  };

  const nextRank = tiers && tiers.length ? Math.min(20, Math.max(...tiers.map((x) => x.rank)) + 1) : 0;
  return (
    <div className="tier-settings settings-block">
      <p className="muted">{t('members.tiers.intro')}</p>
      <ListTable
        caption={t('members.tiers.table')}
        showCaption
        columns={[
          { label: t('members.tiers.name') },
          { label: t('members.tiers.qualify') },
          { label: t('members.tiers.price') },
          { label: t('members.tiers.points') },
          { label: t('members.tiers.birthdayPerk') },
          { label: t('members.tiers.fee') },
          { label: t('members.tiers.members'), num: true },
          { label: t('members.tiers.actions') },
        ]}
        rows={tiers}
        row={(tier) => (
          <tr key={tier.id} className={tier.active ? undefined : 'row-inactive'}>
            <th scope="row">
              {tier.name}
              {!tier.active ? <span className="badge badge-off">{t('members.tiers.inactive')}</span> : null}
            </th>
            <td className="small">{qualifies(tier)}</td>
            <td className="tier-price">{discountLabel(tier.pricePct, locale)}</td>
            <td>{multiplierLabel(tier.pointsPct)}</td>
            <td className="small">{tier.birthdayPerk || '—'}</td>
            <td className="small">{tier.feeFen !== null && tier.feeMonths !== null ? t('members.tiers.feeTerm', { amount: formatMoney(tier.feeFen, locale), count: tier.feeMonths }) : '—'}</td>
            <td className="num">{tier.members}</td>
            <td>
              <button type="button" className="btn btn-outline btn-sm" aria-label={t('members.tiers.editOf', { name: tier.name })} onClick={() => setEditing(tier)}>
                {t('members.tiers.edit')}
              </button>
            </td>
          </tr>
        )}
      />
      <div className="settings-actions">
        <button type="button" className="btn btn-outline" onClick={() => setEditing('new')}>
          + {t('members.tiers.add')}
        </button>
        <button type="button" className="btn btn-outline" aria-disabled={busy} onClick={() => void reevaluate()}>
          {busy ? t('members.tiers.reevaluating') : t('members.tiers.reevaluate')}
        </button>
        <span className="muted small">{t('members.tiers.reevaluateHint')}</span>
      </div>
      {editing ? (
        <TierDialog
          tier={editing === 'new' ? null : editing}
          nextRank={nextRank}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      ) : null}
    </div>
  );
}
