import type { TopUpOffer } from './state.js';

/**
 * The top-up offer that fits this sale (充500送50 → "本单用储值立省 ¥x"): the smallest top-up
 * line whose amount covers what is due, and what paying the sale from it saves — the bonus's
 * share of the sale, due × bonus ÷ (top-up + bonus), rounded down to the fen so the display
 * never promises more than the ledger gives. None when no line covers the sale or gives a bonus.
 */
export function topUpOfferFor(dueFen: number, bonuses: ReadonlyArray<{ minFen: number; bonusFen: number }>): TopUpOffer | null {
  if (!Number.isInteger(dueFen) || dueFen <= 0) return null;
  const fits = bonuses.filter((b) => b.bonusFen > 0 && b.minFen >= dueFen).sort((a, b) => a.minFen - b.minFen || b.bonusFen - a.bonusFen)[0];
  if (!fits) return null;
  const saveFen = Math.floor((dueFen * fits.bonusFen) / (fits.minFen + fits.bonusFen));
  return saveFen > 0 ? { topUpFen: fits.minFen, bonusFen: fits.bonusFen, saveFen } : null;
}
