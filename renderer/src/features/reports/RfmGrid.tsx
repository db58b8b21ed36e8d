import { useT } from './use-t.js';
import type { RfmSegment } from '../../../../shared/contract/stats.js';
import { formatMoney } from '../../i18n/format.js';
import type { Drill } from './figures.js';
import { formatPercent } from './format.js';
import { useCall } from './use-call.js';

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * RFM over the 365 days ending at the period's end: the 5×5 grid of recency (rows, 5 = most
 * recent) by frequency (columns, 5 = most frequent) with members and revenue per cell, and the
 * named segments. A cell or a segment opens its members.
 */
export function RfmGrid({ asOf, onOpen }: { asOf: string; onOpen: (d: Drill) => void }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  const { data, failed } = useCall('stats.rfm', { asOf });
  const open = (segment: RfmSegment) =>
    data && onOpen({ kind: 'members', figure: 'rfm', segment, period: { from: data.from, to: data.to }, titleKey: 'reports.rfm.title' });
  const cell = (r: number, f: number) => data?.cells.find((c) => c.r === r && c.f === f);
  const segmentName = (s: RfmSegment) => t(`reports.rfm.segment.${s}`);

  return (
    <section className="report-section" aria-labelledby="rfm-title">
      <h2 id="rfm-title">{t('reports.rfm.title')}</h2>
      <p className="muted small">{data ? t('reports.rfm.explain', { from: data.from, to: data.to, count: data.members }) : t('common.loading')}</p>
      {failed ? <p className="field-error">{t('reports.failed')}</p> : null}
      {data ? (
        <div className="rfm-layout">
          <div className="table-wrap rfm-wrap">
            <table className="rfm-grid" aria-labelledby="rfm-title">
              <thead>
                <tr>
                  <th scope="col">{t('reports.rfm.corner')}</th>
                  {SCORES.map((f) => (
                    <th key={f} scope="col">
                      {t('reports.rfm.f', { f })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {[...SCORES].reverse().map((r) => (
                  <tr key={r}>
                    <th scope="row">{t('reports.rfm.r', { r })}</th>
                    {SCORES.map((f) => {
                      const c = cell(r, f);
                      if (!c) return <td key={f} className="rfm-cell rfm-empty">—</td>;
                      return (
                        <td key={f} className={`rfm-cell seg-${c.segment}`}>
                          <button
                            type="button"
                            className="rfm-button"
                            aria-label={t('reports.rfm.cellLabel', { r, f, segment: segmentName(c.segment), count: c.members, revenue: formatMoney(c.revenueFen, locale) })}
                            onClick={() => open(c.segment)}
                          >
                            <span className="rfm-count">{c.members.toLocaleString(locale)}</span>
                            <span className="rfm-revenue">{formatMoney(c.revenueFen, locale)}</span>
                            <span className="rfm-seg">{segmentName(c.segment)}</span>
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-wrap">
            <table className="table table-compact">
              <caption className="table-caption">{t('reports.rfm.segments')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.rfm.segmentCol')}</th>
                  <th scope="col" className="num">{t('reports.rfm.members')}</th>
                  <th scope="col" className="num">{t('reports.rfm.share')}</th>
                  <th scope="col" className="num">{t('reports.rfm.revenue')}</th>
                </tr>
              </thead>
              <tbody>
                {data.segments.map((s) => (
                  <tr key={s.segment}>
                    <th scope="row">
                      <button type="button" className="link-button" onClick={() => open(s.segment)}>
                        <span className={`seg-dot seg-${s.segment}`} aria-hidden="true" />
                        {segmentName(s.segment)}
                      </button>
                    </th>
                    <td className="num">{s.members.toLocaleString(locale)}</td>
                    <td className="num">{data.members ? formatPercent(s.members / data.members, locale) : '—'}</td>
                    <td className="num">{formatMoney(s.revenueFen, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}
