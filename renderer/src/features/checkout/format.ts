import { useTranslation } from 'react-i18next';
import { fenToYuanString } from '../../../../shared/money.js';
import { formatMoney } from '../../i18n/format.js';

/** ¥ formatting in the UI language. */
export function useMoney(): (fen: number) => string {
  const { i18n } = useTranslation();
  return (fen: number) => formatMoney(fen, i18n.language);
}

/** Fen as a plain yuan amount for a text field ("12.50"). */
export const yuanText = (fen: number) => fenToYuanString(fen);

/** A fresh idempotency key for one commit attempt. */
export function newClientRef(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A number of percent as Chinese shops say it: 90 → 9折, 95 → 95折, 85 → 85折. */
export function zheText(pricePct: number): string {
  if (pricePct % 10 === 0) return String(pricePct / 10);
  return String(pricePct);
}

/** A "pay this percent" discount as each language says it: 9折 in Chinese, "10% off" in English. */
export function usePctLabel(): (pricePct: number) => string {
  const { i18n } = useTranslation();
  return (pricePct: number) => (i18n.language.startsWith('zh') ? `${zheText(pricePct)}折` : `${100 - pricePct}% off`);
}
