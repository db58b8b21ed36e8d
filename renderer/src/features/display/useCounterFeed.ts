import { useEffect, useRef, useState } from 'react';
import type { MemberCard } from '../../../../shared/contract/members.js';
import { projectDisplay } from '../../../../shared/display/projection.js';
import type { DisplayState } from '../../../../shared/display/state.js';
import { invoke } from '../../api/client.js';
import { useNotices } from '../../stores/notices.js';
import { useSoundSettings, watchTillSounds } from '../../sound/till-sounds.js';
import type { PricedSale } from '../checkout/model/cart.js';
import { useCart } from '../checkout/store.js';
import { tillView } from './till-view.js';

/**
 * Sends each state the customer should see to the core (display.show), which pushes it to
 * the display window or page on the event channel and to the pole display. The newest state
 * wins: while one is on its way, later ones wait and only the last is sent. After a member's
 * sale, the member's card is read again so the display shows the balances as booked.
 */
function createPublisher() {
  let sent = '';
  let busy = false;
  let pending: DisplayState | null = null;
  const flush = async () => {
    busy = true;
    while (pending) {
      const next = pending;
      pending = null;
      const text = JSON.stringify(next);
      if (text === sent) continue;
      const r = await invoke('display.show', next, { quiet: true });
      if (r.ok) sent = text;
    }
    busy = false;
  };
  return (state: DisplayState) => {
    pending = state;
    if (!busy) void flush();
  };
}

export function useCounterFeed(sale: PricedSale | null, paying: boolean): void {
  const lines = useCart((s) => s.lines);
  const member = useCart((s) => s.member);
  const lastSale = useCart((s) => s.lastSale);
  const publish = useRef(createPublisher()).current;
  const [after, setAfter] = useState<{ saleId: number; card: MemberCard | null } | null>(null);

  const saleId = lastSale?.sale.id ?? null;
  const saleMember = lastSale?.sale.memberId ?? null;
  useEffect(() => {
    if (saleId === null || saleMember === null) return;
    let cancelled = false;
    void invoke('members.card', { id: saleMember }, { quiet: true }).then((r) => {
      if (!cancelled) setAfter({ saleId, card: r.ok ? r.value : null });
    });
    return () => {
      cancelled = true;
    };
  }, [saleId, saleMember]);

  useEffect(() => {
    // A member's sale waits (a few ms) for the balances after it.
    const waiting = saleId !== null && saleMember !== null && after?.saleId !== saleId && lines.length === 0;
    if (waiting) return;
    const memberAfter = after && after.saleId === saleId ? after.card : null;
    publish(projectDisplay(tillView({ lines, sale, member, paying, lastSale, memberAfter })));
  }, [lines, sale, member, paying, lastSale, after, saleId, saleMember, publish]);

  // Sounds: the shop's settings, then the cart's changes and the till's refusals.
  useEffect(() => {
    let cancelled = false;
    void invoke('counter.settings', {}, { quiet: true }).then((r) => {
      if (!cancelled && r.ok) useSoundSettings.getState().set(r.value.sound);
    });
    const snapshot = () => {
      const s = useCart.getState();
      return { lines: s.lines, lastSaleId: s.lastSale?.sale.id ?? null };
    };
    let prevCart = snapshot();
    const off = watchTillSounds(
      {
        getState: snapshot,
        subscribe: (cb) => useCart.subscribe(() => {
          const next = snapshot();
          const prev = prevCart;
          prevCart = next;
          cb(next, prev);
        }),
      },
      {
        subscribe: (cb) => useNotices.subscribe((s, prev) => {
          const old = new Set(prev.items.map((n) => n.id));
          for (const n of s.items) if (!old.has(n.id) && n.kind === 'error' && n.error.messageKey) cb(n.error.messageKey);
        }),
      },
    );
    return () => {
      cancelled = true;
      off();
    };
  }, []);
}
