import { useEffect } from 'react';
import type { TFunction } from 'i18next';
import { useCart } from '../checkout/store.js';
import { useOverlays } from '../../stores/overlays.js';
import { useSession } from '../../stores/session.js';
import { useApp } from '../../stores/app.js';
import { useComplaints, type LogPrefill } from './complaints-store.js';

/** Shift+F5 logs a complaint from anywhere (F5 alone goes to the complaints section). */
export const LOG_COMPLAINT_KEY = 'Shift+F5';

export function isLogComplaintKey(e: { key: string; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): boolean {
  return e.key === 'F5' && e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey;
}

/**
 * What the checkout knows about the customer in front of the till: the sale just completed
 * (and its member), or else the member attached to the cart being rung up.
 */
export function checkoutPrefill(): LogPrefill {
  const { lastSale, member } = useCart.getState();
  if (lastSale) {
    const { sale } = lastSale;
    return {
      sale: { id: sale.id, receiptNo: sale.receiptNo },
      member: sale.memberId !== null ? { id: sale.memberId, name: lastSale.memberName ?? '', maskedPhone: null } : null,
    };
  }
  return { sale: null, member: member ? { id: member.id, name: member.name, maskedPhone: member.maskedPhone } : null };
}

/** The global key that opens the log dialog; ignored while locked or while a dialog is open. */
export function useLogComplaintShortcut(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || !isLogComplaintKey(e)) return;
      e.preventDefault(); // Shift+F5 would reload the page
      const session = useSession.getState();
      if (session.locked || !session.staff) return;
      if (useOverlays.getState().stack.length > 0) return;
      // Pre-filled from the till only when the complaint is logged at the till.
      useComplaints.getState().openLog(useApp.getState().section === 'checkout' ? checkoutPrefill() : { member: null, sale: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The keys of logging a complaint and recording satisfaction, for the F1 help. */
export function complaintsHelpRows(t: TFunction<'translation'>): Array<{ keys: string[]; action: string }> {
  return [
    { keys: [LOG_COMPLAINT_KEY], action: t('complaints.help.log') },
    { keys: ['Ctrl+Enter'], action: t('complaints.help.submit') },
    { keys: ['Alt+N'], action: t('complaints.help.nps') },
    { keys: ['1–9', '0', '-'], action: t('complaints.help.npsKeys') },
  ];
}
