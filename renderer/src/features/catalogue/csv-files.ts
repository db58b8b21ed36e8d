/** Browser-side helpers for CSV import/export: bytes to base64 and import errors in words. */

/** Base64 of any size of bytes (btoa takes a binary string; build it in chunks to spare the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

type Loose = (key: string, values?: Record<string, unknown>) => string;

const REASONS = new Set([
  'column_count', 'sku', 'name', 'price', 'points_rule', 'barcode_check_digit', 'duplicate_sku', 'duplicate_barcode',
  'barcode_taken', 'sku_taken', 'encoding', 'header', 'syntax',
]);

/** One bad row of an import report as the manager reads it: the reason, then the value or the line it clashes with. */
export function describeImportError(t: Loose, e: { reason: string; details?: Record<string, unknown> | undefined }): string {
  const d = e.details ?? {};
  const reason = REASONS.has(e.reason) ? t(`checkout.products.reason.${e.reason}`) : e.reason;
  const extra: string[] = [];
  if (typeof d.code === 'string') extra.push(t('checkout.products.detail.code', { code: d.code }));
  if (typeof d.value === 'string' && d.value !== '') extra.push(t('checkout.products.detail.value', { value: d.value }));
  if (typeof d.firstLine === 'number') extra.push(t('checkout.products.detail.firstLine', { line: d.firstLine }));
  if (typeof d.columns === 'number') extra.push(t('checkout.products.detail.columns', { columns: d.columns }));
  return extra.length > 0 ? t('checkout.products.detail.wrap', { reason, details: extra.join(t('checkout.products.detail.sep')) }) : reason;
}
