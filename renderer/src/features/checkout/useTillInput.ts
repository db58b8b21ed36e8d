import { useCallback, useEffect, useRef } from 'react';
import { invoke } from '../../api/client.js';
import { isTypingTarget } from '../../components/focus.js';
import { usePosEvent } from '../../hooks/usePosEvent.js';
import { insertText, useWedgeScanner } from '../../hooks/useWedgeScanner.js';
import { notifyError } from '../../stores/notices.js';
import { useSession } from '../../stores/session.js';
import { MEMBER_INPUT_ID } from './MemberPanel.js';
import { SEARCH_INPUT_ID, type CartKey } from './ProductSearch.js';
import { SHIFT_FLOAT_ID } from './ShiftDialogs.js';
import { TILL_ALT_KEYS } from './shortcuts.js';
import { isCouponCode, isMemberCardCode, isReceiptCode, routeScan, useScanHandler } from './scan-router.js';
import { useCart, useTill } from './store.js';
import { COUPON_REFUSALS, overlayOpen, type Refuse, type SetDialog } from './till-data.js';
import type { MemberWiring } from './useMemberWiring.js';
import { mustWeigh, tillSpecialCode } from '../weighing/till-codes.js';

/**
 * Where the till's input goes: scanned and typed codes (a member card, a coupon, a receipt
 * for a refund, a product's barcode or SKU), the cart's own keys from the search box, and
 * the page's keys (F8 member, F9 hold, F10 resume, F12 pay, Alt+P/Q/V/T, and letters or
 * digits typed with focus on no field). The shell's keys (F1–F7, Alt+1–6, Ctrl+L) and the
 * dialogs' keys are left alone.
 */
export function useTillInput(d: {
  isManager: boolean; refuse: Refuse; setDialog: SetDialog; member: MemberWiring; startPay: () => void;
}) {
  const { isManager, refuse, setDialog } = d;
  const { applyCoupon, attachMember } = d.member;
  const locked = useSession((s) => s.locked);
  const wedge = useTill((s) => s.devices?.scanner.wedge ?? null);
  const cartLines = useCart((s) => s.lines.length);

  /** A scanned or typed code: a member card, a coupon, a receipt (refund), or a product's barcode / SKU. */
  const handleCode = useCallback(async (code: string, from: 'scan' | 'typed'): Promise<boolean> => {
    // 付款码 and 条码秤 labels first: a payment code is never looked up as a product.
    if ((await tillSpecialCode(code, { refuse, addWeighed: (p, w) => useCart.getState().addWeighed(p, w) })) === 'handled') return true;
    if (isMemberCardCode(code)) {
      const r = await invoke('members.find', { query: code, limit: 1 });
      const m = r.ok ? r.value.members[0] : undefined;
      if (m) await attachMember(m);
      else if (r.ok) refuse({ code: 'not_found', messageKey: r.value.remote === 'offline' ? 'members.lookup.remote.offline' : 'checkout.scan.unknownCard', details: { code } });
      return true;
    }
    // A coupon's code applies it; a code in that range that is no coupon may still be a product.
    let unknownCoupon = false;
    if (isCouponCode(code)) {
      if ((await applyCoupon(code, true)) !== 'unknown') return true;
      unknownCoupon = true;
    }
    if (isReceiptCode(code)) {
      if (!isManager) refuse({ code: 'forbidden', messageKey: 'checkout.refund.managerOnly' });
      else setDialog({ kind: 'refund', receipt: code });
      return true;
    }
    const r = await invoke('products.byCode', { code });
    if (unknownCoupon && !(r.ok && r.value)) {
      refuse({ code: 'not_found', messageKey: COUPON_REFUSALS['errors.coupon_not_found']!, details: { code } });
      return true;
    }
    if (!r.ok) return from === 'scan';
    if (r.value) {
      if (!r.value.active) {
        refuse({ code: 'rule_violation', messageKey: 'errors.product_inactive' });
        return true;
      }
      if (mustWeigh(r.value)) setDialog({ kind: 'weigh', product: r.value });
      else useCart.getState().add(r.value);
      return true;
    }
    if (from === 'scan') refuse({ code: 'not_found', messageKey: 'checkout.scan.unknown', details: { code } });
    return false;
  }, [applyCoupon, attachMember, isManager, refuse, setDialog]);

  // Scans reach the cart unless a dialog is open (a dialog that wants scans registers its own handler).
  useScanHandler((code) => {
    if (overlayOpen()) {
      refuse({ code: 'rule_violation', messageKey: 'checkout.scan.busy', details: { code } });
      return;
    }
    void handleCode(code, 'scan');
  });
  useWedgeScanner(wedge, (code) => routeScan(code, 'wedge'), !locked);
  usePosEvent('scanner.code', (e) => routeScan(e.code, 'serial'), !locked);

  const openLine = (key: string | null, focus: 'qty' | 'terms') => {
    if (key && useCart.getState().lines.some((l) => l.key === key)) setDialog({ kind: 'line', key, focus });
  };

  const onCartKey = (k: CartKey) => {
    const { lines, currentKey } = useCart.getState();
    if (lines.length === 0) return;
    const i = Math.max(0, lines.findIndex((l) => l.key === currentKey));
    const current = lines[i]?.key ?? null;
    if (k === 'up' || k === 'down') useCart.getState().select(lines[Math.min(lines.length - 1, Math.max(0, i + (k === 'down' ? 1 : -1)))]!.key);
    else if (!current) return;
    else if (k === 'plus') useCart.getState().bump(current, 1);
    else if (k === 'minus') useCart.getState().bump(current, -1);
    else if (k === 'edit') openLine(current, 'qty');
    else if (k === 'remove') useCart.getState().remove(current);
  };

  // One listener for the page's life; it reads the latest actions through the ref.
  const keysRef = useRef({ startPay: d.startPay, setDialog, rewardsKey: d.member.rewardsKey, cart: cartLines });
  keysRef.current = { startPay: d.startPay, setDialog, rewardsKey: d.member.rewardsKey, cart: cartLines };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.repeat) {
        const action = TILL_ALT_KEYS[e.code];
        if (!action) return;
        e.preventDefault();
        if (!useSession.getState().locked && !overlayOpen()) keysRef.current.rewardsKey(action);
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      // Letters and digits typed while focus is on no text field (the heading, a button) go to the
      // search box — or, before the shift is open, digits go to the float.
      if (/^[\p{L}\p{N}]$/u.test(e.key) && !e.defaultPrevented && !isTypingTarget(e.target) && !overlayOpen() && !useSession.getState().locked) {
        const float = /^\d$/.test(e.key) ? document.getElementById(SHIFT_FLOAT_ID) : null;
        const target = float ?? document.getElementById(SEARCH_INPUT_ID);
        if (target && !(target as HTMLInputElement).disabled) {
          e.preventDefault();
          target.focus();
          insertText(target, e.key);
        }
        return;
      }
      if (e.shiftKey || !['F8', 'F9', 'F10', 'F12'].includes(e.key)) return;
      e.preventDefault();
      if (useSession.getState().locked || overlayOpen()) return;
      const k = keysRef.current;
      if (e.key === 'F8') {
        const input = document.getElementById(MEMBER_INPUT_ID) as HTMLInputElement | null;
        input?.focus();
        input?.select();
      } else if (e.key === 'F9') {
        if (k.cart === 0) notifyError({ code: 'rule_violation', messageKey: 'checkout.held.emptyCart' });
        else k.setDialog({ kind: 'hold' });
      } else if (e.key === 'F10') k.setDialog({ kind: 'resume' });
      else if (e.key === 'F12') k.startPay();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return { handleCode, openLine, onCartKey };
}
