import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Pager } from '../members/Pager.js';

/**
 * The frame both ledger statements (积分明细, 储值明细) share: a titled section with the entry
 * count, the table with its column heads, a loading or empty row, and the pager.
 */
export function StatementSection({ titleId, title, columns, empty, rows, total, page, pageSize, onPage, pagesLabel }: {
  titleId: string;
  title: string;
  columns: Array<{ label: string; num?: boolean }>;
  empty: string;
  /** null while loading. */
  rows: ReactNode[] | null;
  total: number | null;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  pagesLabel: string;
}) {
  const { t } = useTranslation();
  const note = (text: string) => <tr><td colSpan={columns.length}>{text}</td></tr>;
  return (
    <section className="profile-section" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {title}
        {total !== null ? <span className="muted small"> · {t('members.rewards.entries', { count: total })}</span> : null}
      </h2>
      <div className="table-wrap">
        <table className="table table-compact">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>{columns.map((c) => <th key={c.label} scope="col" className={c.num ? 'num' : undefined}>{c.label}</th>)}</tr>
          </thead>
          <tbody>{rows === null ? note(t('common.loading')) : rows.length === 0 ? note(empty) : rows}</tbody>
        </table>
      </div>
      {total !== null ? <Pager page={page} pageSize={pageSize} total={total} onPage={onPage} label={pagesLabel} /> : null}
    </section>
  );
}
