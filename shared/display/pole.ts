import type { DisplayState } from './state.js';

/**
 * What a pole display (客显: an 8-digit LED price display or a 2×20 VFD) shows for a display
 * state. LED displays have four lamps under the digits — 单价 (price), 合计 (total), 收款
 * (received), 找零 (change) — and show one amount; VFDs show two lines of 20 characters
 * (ASCII: most pole VFDs have no Chinese font).
 */
export type PoleLamp = 'off' | 'price' | 'total' | 'collect' | 'change';

export interface PoleFrame {
  lamp: PoleLamp;
  /** The amount for the LED digits, fen (null: blank). */
  amountFen: number | null;
  /** The two VFD lines, each at most 20 characters. */
  line1: string;
  line2: string;
}

export const POLE_WIDTH = 20;

/** 1234 → "12.34", −50 → "-0.50". */
export function poleAmount(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** A label on the left, a value on the right, in 20 columns. */
function rowText(label: string, value: string): string {
  return label.slice(0, POLE_WIDTH - value.length - 1).padEnd(POLE_WIDTH - value.length) + value;
}
const row = (label: string, fen: number) => rowText(label, poleAmount(fen));

/**
 * The scanned line's price while ringing up, the total when paying, then the amount received
 * and the change. The line shown is the last one (the one just scanned).
 */
export function poleFrame(state: DisplayState): PoleFrame {
  switch (state.stage) {
    case 'idle':
      return { lamp: 'off', amountFen: null, line1: 'WELCOME', line2: '' };
    case 'cart': {
      const last = state.cart.lines.at(-1);
      const price = last ? (last.measure ? last.totalFen : last.unitPriceFen) : 0;
      return { lamp: 'price', amountFen: price, line1: row('PRICE', price), line2: row('TOTAL', state.cart.totalFen) };
    }
    case 'paying':
      return { lamp: 'total', amountFen: state.cart.totalFen, line1: row('TOTAL', state.cart.totalFen), line2: rowText('ITEMS', String(state.cart.itemCount)) };
    case 'paid':
      return state.paid.changeFen > 0
        ? { lamp: 'change', amountFen: state.paid.changeFen, line1: row('PAID', state.paid.receivedFen), line2: row('CHANGE', state.paid.changeFen) }
        : { lamp: 'collect', amountFen: state.paid.receivedFen, line1: row('PAID', state.paid.receivedFen), line2: 'THANK YOU' };
  }
}

/**
 * The frames a state shows in turn on the pole display: after a cash payment with change, the
 * amount received (收款) first, then the change (找零), which stays. Every other state is one frame.
 */
export function poleFrames(state: DisplayState): PoleFrame[] {
  if (state.stage === 'paid' && state.paid.changeFen > 0) {
    const received = state.paid.receivedFen;
    return [{ lamp: 'collect', amountFen: received, line1: row('PAID', received), line2: row('TOTAL', state.paid.totalFen) }, poleFrame(state)];
  }
  return [poleFrame(state)];
}
