import { useTranslation } from 'react-i18next';
import { ImportErrorsTable } from '../../components/ImportErrorsTable.js';
import { bytesToBase64 } from '../members/format.js';

export type ImportError = { line: number; reason: string; details?: Record<string, unknown> | undefined };

/** A quantity in its stock unit: "12 件", "4,860 克". */
export function useQty() {
  const { t, i18n } = useTranslation();
  return (n: number, unit: 'piece' | 'gram') => `${n.toLocaleString(i18n.language)} ${t(`stock.unit.${unit}`)}`;
}

/** A picked file as base64 for the core's CSV calls (bytes kept as they are: GBK files stay intact). */
export async function fileBase64(file: File): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** The rows a stock CSV import refused, each with its line number and reason in words. */
export function StockImportErrors({ errors, expected }: { errors: readonly ImportError[]; expected: string }) {
  const { t } = useTranslation();
  const reasonOf = (e: ImportError) => {
    const key = `stock.importReason.${e.reason}`;
    const values = { ...(e.details ?? {}), expected };
    return t(key, { ...values, defaultValue: t('stock.importReason.other', { reason: e.reason }) });
  };
  return <ImportErrorsTable errors={errors} caption={t('stock.importCsv')} lineHeader={t('stock.line')} reasonHeader={t('stock.reason')} lineLabel={(line) => t('stock.lineN', { line })} reasonOf={reasonOf} />;
}
