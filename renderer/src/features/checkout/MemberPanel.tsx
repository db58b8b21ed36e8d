import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberCard } from '../../../../shared/contract/members.js';
import type { MemberCountCard } from '../../../../shared/contract/count-cards.js';
import { invoke } from '../../api/client.js';
import { focusLater } from '../../components/focus.js';
import { useMoney, usePctLabel } from './format.js';
import type { PointsInfo } from './store.js';
import { SEARCH_INPUT_ID } from './ProductSearch.js';
import { remoteMessageKey } from '../members/MemberLookup.js';

export const MEMBER_INPUT_ID = 'checkout-member';

interface Props {
  member: MemberCard | null;
  points: PointsInfo | null;
  /** Points the sale redeems now, and the most it could. */
  redeemPoints: number;
  maxPoints: number;
  canRedeem: boolean;
  onAttach: (m: MemberCard) => void;
  onDetach: () => void;
  onEnrol: (phone: string) => void;
  onRedeem: () => void;
  /** The member's count cards (次卡) and the visits of each already on this sale. */
  cards: MemberCountCard[] | null;
  cardUsesOnSale: (cardId: number) => number;
  /** The member's coupons that can be used today (null while loading). */
  couponCount: number | null;
  onCoupons: () => void;
  onCards: () => void;
  onTopUp: () => void;
}

/**
 * 会员识别 at the counter: one box (F8) for a full phone, the last four digits (a short list
 * with masked phones to pick from), a card number or a name; a scanned card attaches at once.
 * The attached member shows tier, points, stored value and a birthday flag.
 */
export function MemberPanel({ member, points, redeemPoints, maxPoints, canRedeem, onAttach, onDetach, onEnrol, onRedeem, cards, cardUsesOnSale, couponCount, onCoupons, onCards, onTopUp }: Props) {
  const { t } = useTranslation();
  const money = useMoney();
  const pctLabel = usePctLabel();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<MemberCard[] | null>(null);
  const [active, setActive] = useState(0);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const reset = () => {
    setQuery('');
    setFound(null);
    setActive(0);
  };

  const attach = (m: MemberCard) => {
    reset();
    setMessage('');
    onAttach(m);
  };

  const find = async (q: string) => {
    setBusy(true);
    setMessage('');
    const r = await invoke('members.find', { query: q, limit: 8 });
    setBusy(false);
    if (!r.ok) return;
    const list = r.value.members;
    if (list.length === 0) {
      setFound(null);
      const remote = remoteMessageKey(r.value.remote);
      setMessage(remote ? t(remote) : t('checkout.member.notFound', { query: q }));
      return;
    }
    // A full phone or a card number is unambiguous; last four digits and names are a list to pick from.
    if (list.length === 1 && (r.value.by === 'phone' || r.value.by === 'card')) return attach(list[0]!);
    setFound(list);
    setActive(0);
    setMessage(t('checkout.member.pick', { n: list.length }));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const open = found !== null && found.length > 0;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && open) {
      e.preventDefault();
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const text = e.currentTarget.value.trim();
      if (open && found[active] && text === query.trim()) return attach(found[active]);
      if (text) void find(text);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (query || found) {
        reset();
        setMessage('');
      } else focusLater(SEARCH_INPUT_ID);
    }
  };

  const open = found !== null && found.length > 0;
  const phoneLike = /^1\d{10}$/.test(query.replace(/[\s-]/g, '')) ? query.replace(/[\s-]/g, '') : '';
  return (
    <section className="co-member" aria-labelledby={`${listId}-title`}>
      <h2 id={`${listId}-title`} className="co-side-title">
        {t('checkout.member.title')} <kbd aria-hidden="true">F8</kbd>
      </h2>
      <div className="co-member-find">
        <input
          ref={inputRef}
          id={MEMBER_INPUT_ID}
          type="text"
          role="combobox"
          aria-label={t('checkout.member.lookup')}
          aria-keyshortcuts="F8"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && found[active] ? `${listId}-${found[active].id}` : undefined}
          aria-autocomplete="none"
          aria-busy={busy}
          autoComplete="off"
          placeholder={t('checkout.member.placeholder')}
          maxLength={40}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setFound(null);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="btn btn-sm btn-outline" aria-label={t('checkout.member.enrol')} onClick={() => onEnrol(phoneLike)}>
          {t('checkout.member.enrolShort')}
        </button>
      </div>
      <p className="co-member-msg" role="status">
        {message}
      </p>
      <ul id={listId} role="listbox" aria-label={t('checkout.member.results')} className="co-member-list" hidden={!open}>
        {open
          ? found.map((m, i) => (
              <li
                key={m.id}
                id={`${listId}-${m.id}`}
                role="option"
                aria-selected={i === active}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => attach(m)}
              >
                <span className="co-member-opt-name">{m.name || t('checkout.member.noName')}</span>
                <span className="mono">{m.maskedPhone}</span>
                <span className="badge badge-tier">{m.tier.name}</span>
                {m.status === 'frozen' ? <span className="badge badge-warn">{t('checkout.member.frozen')}</span> : null}
              </li>
            ))
          : null}
      </ul>
      {member ? (
        <div className="co-member-card" aria-label={t('checkout.member.attached', { name: member.name || member.maskedPhone })} role="group">
          <div className="co-member-head">
            <strong className="co-member-name">{member.name || t('checkout.member.noName')}</strong>
            <span className="badge badge-tier">{member.tier.name}</span>
            {member.tier.pricePct < 100 ? <span className="badge badge-ok">{t('checkout.member.tierDiscount', { label: pctLabel(member.tier.pricePct) })}</span> : null}
            {member.birthdayToday || member.birthdaySoon ? (
              <span className="badge badge-warn">
                <span aria-hidden="true">🎂 </span>
                {member.birthdayToday ? t('checkout.member.birthdayToday') : t('checkout.member.birthdaySoon')}
              </span>
            ) : null}
            <button type="button" className="co-member-detach" aria-label={t('checkout.member.detach')} title={t('checkout.member.detach')} onClick={onDetach}>
              ×
            </button>
          </div>
          <p className="co-member-line">
            <span className="mono">{member.maskedPhone}</span>
            <span className="muted"> · {t('checkout.member.card', { cardNo: member.cardNo })}</span>
          </p>
          <dl className="co-member-facts">
            <div>
              <dt>{t('checkout.member.points')}</dt>
              <dd>
                {points?.balance ?? member.points}
                {points && points.usable !== points.balance ? <span className="small muted"> {t('checkout.member.usable', { usable: points.usable })}</span> : null}
              </dd>
            </div>
            <div>
              <dt>{t('checkout.member.storedValue')}</dt>
              <dd>{money(member.storedValueFen)}</dd>
            </div>
          </dl>
          {cards && cards.length > 0 ? (
            <ul className="co-member-cards" aria-label={t('checkout.member.cards')}>
              {cards.map((c) => (
                <li key={c.id}>
                  <span>{c.name}</span>
                  <span>{t('checkout.cards.left', { left: c.remaining - cardUsesOnSale(c.id), uses: c.uses })}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {member.tier.birthdayPerk && (member.birthdayToday || member.birthdaySoon) ? <p className="small muted">{member.tier.birthdayPerk}</p> : null}
          <button type="button" className="btn btn-sm btn-outline btn-block" aria-keyshortcuts="Alt+P" disabled={!canRedeem} onClick={onRedeem}>
            {redeemPoints > 0 ? t('checkout.member.redeeming', { points: redeemPoints }) : t('checkout.member.redeem', { max: maxPoints })} <kbd aria-hidden="true">Alt+P</kbd>
          </button>
          <div className="co-member-actions">
            <button type="button" className="btn btn-sm btn-outline" aria-keyshortcuts="Alt+Q" onClick={onCoupons}>
              {couponCount ? t('checkout.member.couponsN', { n: couponCount }) : t('checkout.member.coupons')} <kbd aria-hidden="true">Alt+Q</kbd>
            </button>
            <button type="button" className="btn btn-sm btn-outline" aria-keyshortcuts="Alt+V" onClick={onCards}>
              {t('checkout.member.cardsButton')} <kbd aria-hidden="true">Alt+V</kbd>
            </button>
            <button type="button" className="btn btn-sm btn-outline" aria-keyshortcuts="Alt+T" onClick={onTopUp}>
              {t('checkout.member.topUp')} <kbd aria-hidden="true">Alt+T</kbd>
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
