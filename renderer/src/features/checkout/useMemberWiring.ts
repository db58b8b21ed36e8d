import { useCallback, useEffect, useState } from 'react';
import type { MemberCard } from '../../../../shared/contract/members.js';
import type { MemberCountCard } from '../../../../shared/contract/count-cards.js';
import { invoke } from '../../api/client.js';
import { focusLater } from '../../components/focus.js';
import { notifySuccess } from '../../stores/notices.js';
import { cardUsesInCart, type PricedSale } from './model/cart.js';
import { MEMBER_INPUT_ID } from './MemberPanel.js';
import { SEARCH_INPUT_ID } from './ProductSearch.js';
import type { TillAltAction } from './shortcuts.js';
import { useCart, useTill } from './store.js';
import { COUPON_REFUSALS, appliedCoupon, linesTotalNow, pointsOf, type Refuse, type SetDialog } from './till-data.js';

/**
 * The member side of the till: attaching a member (and reading their points, count cards
 * and coupons), coupons checked by the core against this cart, count-card visits and
 * packages, and the Alt+P / Q / V / T dialogs that need a member.
 */
export function useMemberWiring(d: { sale: PricedSale | null; money: (fen: number) => string; refuse: Refuse; setDialog: SetDialog }) {
  const { sale, money, refuse, setDialog } = d;
  const memberId = useCart((s) => s.member?.id ?? null);
  const [couponCount, setCouponCount] = useState<number | null>(null);

  const attachMember = useCallback(async (m: MemberCard) => {
    if (m.status !== 'active') {
      refuse({ code: 'rule_violation', messageKey: 'errors.member_not_active' });
      return;
    }
    useCart.getState().setMember(m, null);
    focusLater(SEARCH_INPUT_ID);
    const points = await pointsOf(m.id);
    if (useCart.getState().member?.id === m.id) useCart.setState({ points });
  }, [refuse]);

  /** The attached member's count cards and usable coupons, read when the member changes and after a top-up. */
  const loadMemberExtras = useCallback(async (id: number) => {
    const [cards, coupons] = await Promise.all([invoke('countCards.forMember', { memberId: id }, { quiet: true }), invoke('coupons.forMember', { memberId: id }, { quiet: true })]);
    if (useCart.getState().member?.id !== id) return;
    if (cards.ok) useCart.setState({ cards: cards.value });
    setCouponCount(coupons.ok ? coupons.value.filter((c) => c.status === 'valid').length : null);
  }, []);
  useEffect(() => {
    setCouponCount(null);
    if (memberId !== null) void loadMemberExtras(memberId);
  }, [memberId, loadMemberExtras]);

  /** Re-reads the attached member's card (balances) and extras, e.g. after a top-up. */
  const refreshMember = async (id: number) => {
    const m = await invoke('members.card', { id }, { quiet: true });
    if (m.ok && useCart.getState().member?.id === id) useCart.setState({ member: m.value, points: await pointsOf(id) });
    await loadMemberExtras(id);
  };

  /**
   * 优惠券: the core checks the code against this cart (validity, use, owner, minimum spend);
   * an accepted coupon goes on the sale, a refused one is explained. 'unknown' = no such coupon.
   */
  const applyCoupon = useCallback(async (code: string, quietUnknown = false): Promise<'ok' | 'refused' | 'unknown'> => {
    const { member, coupons } = useCart.getState();
    if (coupons.some((c) => c.code === code)) {
      refuse({ code: 'conflict', messageKey: 'checkout.coupon.already' });
      return 'refused';
    }
    if (coupons.length >= 5) {
      refuse({ code: 'rule_violation', messageKey: 'checkout.coupon.tooMany' });
      return 'refused';
    }
    const r = await invoke('coupons.check', { code, memberId: member?.id ?? null, linesTotalFen: linesTotalNow() }, { quiet: true });
    if (!r.ok) {
      const e = r.error;
      if (quietUnknown && e.messageKey === 'errors.coupon_not_found') return 'unknown';
      const key = e.messageKey ? COUPON_REFUSALS[e.messageKey] : undefined;
      const dt = e.details ?? {};
      refuse(key ? {
        ...e, messageKey: key, details: {
          ...dt, code,
          min: typeof dt.minSpendFen === 'number' ? money(dt.minSpendFen) : '',
          date: typeof dt.validTo === 'string' ? dt.validTo : typeof dt.validFrom === 'string' ? dt.validFrom : '',
        },
      } : e);
      return 'refused';
    }
    useCart.getState().addCoupon(appliedCoupon(r.value.coupon));
    notifySuccess('checkout.coupon.added', { name: r.value.coupon.name, amount: money(r.value.discountFen) });
    return 'ok';
  }, [money, refuse]);

  /** 次卡: one visit of the card's service on this sale, paid by the card. */
  const addCardVisit = useCallback(async (card: MemberCountCard) => {
    if (card.remaining - cardUsesInCart(useCart.getState().lines, card.id) <= 0) {
      refuse({ code: 'rule_violation', messageKey: 'checkout.cards.noneLeft', details: { name: card.name } });
      return;
    }
    const p = await invoke('products.get', { id: card.serviceProductId });
    if (!p.ok) return;
    useCart.getState().add(p.value, 1, card.id);
    setDialog(null);
    focusLater(SEARCH_INPUT_ID);
  }, [refuse, setDialog]);

  /** A count-card package on the sale: paying for it gives the attached member the card. */
  const sellCard = useCallback(async (productId: number) => {
    if (!useCart.getState().member) {
      refuse({ code: 'rule_violation', messageKey: 'errors.count_card_needs_member' });
      return;
    }
    const p = await invoke('products.get', { id: productId });
    if (!p.ok) return;
    useCart.getState().add(p.value);
    setDialog(null);
    focusLater(SEARCH_INPUT_ID);
  }, [refuse, setDialog]);

  /** Alt+P / Q / V / T: points, coupons, count cards, top-up for the attached member. */
  const rewardsKey = (action: TillAltAction) => {
    const member = useCart.getState().member;
    if (action === 'coupons') return setDialog({ kind: 'coupons' });
    if (!member) {
      refuse({ code: 'rule_violation', messageKey: `checkout.needMember.${action}` });
      return focusLater(MEMBER_INPUT_ID);
    }
    if (action === 'points') {
      if (useTill.getState().rewards && useCart.getState().points && sale && sale.maxPoints > 0) setDialog({ kind: 'points' });
      else refuse({ code: 'rule_violation', messageKey: 'checkout.points.nothing' });
    } else if (action === 'cards') setDialog({ kind: 'cards' });
    else setDialog({ kind: 'topup' });
  };

  return { memberId, couponCount, attachMember, refreshMember, applyCoupon, addCardVisit, sellCard, rewardsKey };
}
export type MemberWiring = ReturnType<typeof useMemberWiring>;
