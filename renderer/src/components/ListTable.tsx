import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ListColumn {
  label: ReactNode;
  /** Right-aligned figures (money, counts). */
  num?: boolean;
}

/**
 * The settings and stock lists' table: a caption (for screen readers, or shown), column
 * headers, then "loading…" while `rows` is null, the empty message when there are none, else
 * one `<tr>` per row from `row` (whose first cell is a `<th scope="row">` naming it).
 */
export function ListTable<T>({ caption, showCaption, columns, rows, empty, row, className }: {
  caption: string;
  showCaption?: boolean;
  columns: ListColumn[];
  rows: T[] | null;
  /** Said in the table when there are no rows (a list that always has some may leave it out). */
  empty?: ReactNode;
  row: (item: T, index: number) => ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const span = columns.length;
  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : 'table'}>
        <caption className={showCaption ? 'table-caption' : 'sr-only'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.num ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows === null ? (
            <tr><td colSpan={span} role="status">{t('common.loading')}</td></tr>
          ) : rows.length === 0 && empty !== undefined ? (
            <tr><td colSpan={span}>{empty}</td></tr>
          ) : (
            rows.map(row)
          )}
        </tbody>
      </table>
    </div>
  );
}

/** 启用 / 停用 in a list: the active word plain, the stopped one as a grey badge. */
export function ActiveState({ active, on, off }: { active: boolean; on: string; off: string }) {
  return active ? <>{on}</> : <span className="badge badge-off">{off}</span>;
}
