import { useState } from 'react';
import { useT } from './use-t.js';
import type { DailyReport } from '../../../../shared/contract/stats.js';
import { invoke } from '../../api/client.js';
import { formatMoney } from '../../i18n/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { downloadBase64 } from '../../components/download.js';
import { useComplaintLabels } from '../complaints/labels.js';
import { formatFigure } from './format.js';
import { useReports } from './reports-store.js';
import { useCall } from './use-call.js';

type Rows = Array<[string, string]>;

function Section({ title, rows, none }: { title: string; rows: Rows; none: string }) {
  return (
    <section className="daily-section" aria-label={title}>
      <h3>{title}</h3>
      {rows.length ? (
        <dl className="daily-rows">
          {rows.map(([label, value], i) => (
            <div key={i} className="daily-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">{none}</p>
      )}
    </section>
  );
}

/** The report on screen, in the page's language (the printout and files use the shop's). */
function ReportView({ r }: { r: DailyReport }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  const categoryLabel = useComplaintLabels().category;
  const money = (fen: number) => formatMoney(fen, locale);
  const h = r.headline;
  const none = t('reports.daily.none');
  const L = (k: string) => t(`reports.daily.row.${k}`);
  return (
    <div className="daily-report">
      <Section
        title={t('reports.daily.overview')}
        none={none}
        rows={[
          [L('revenue'), money(h.revenueFen)], [L('sales'), String(h.sales)], [L('refunds'), String(h.refunds)],
          [L('averageTicket'), formatFigure(h.averageTicketFen, 'money', locale)], [L('memberRevenue'), money(h.memberRevenueFen)],
          [L('memberShare'), formatFigure(h.memberShare, 'ratio', locale)], [L('activeMembers'), String(h.activeMembers)],
          [L('newMembers'), String(h.newMembers)], [L('repeatRate'), formatFigure(h.repeatRate, 'ratio', locale)],
          [L('complaints'), String(h.complaints)], [L('complaintRate'), formatFigure(h.complaintRate, 'ratio', locale)],
          [L('nps'), formatFigure(h.nps, 'score', locale)], [L('npsResponses'), String(h.npsResponses)],
        ]}
      />
      <Section title={t('reports.daily.payments')} none={none} rows={r.payments.map((p) => [`${t(`reports.daily.method.${p.method}`, { defaultValue: p.method })} ×${p.count}`, money(p.amountFen)])} />
      <Section
        title={t('reports.daily.topups')}
        none={none}
        rows={[[L('topupCount'), String(r.topups.count)], [L('principal'), money(r.topups.principalFen)], [L('bonus'), money(r.topups.bonusFen)]]}
      />
      <Section
        title={t('reports.daily.points')}
        none={none}
        rows={[
          [L('pointsEarned'), String(h.pointsEarned)], [L('pointsRedeemed'), String(h.pointsRedeemed)], [L('pointsExpired'), String(h.pointsExpired)],
          [L('pointsOutstanding'), String(h.pointsOutstanding)], [L('pointsLiability'), money(h.pointsLiabilityFen)],
        ]}
      />
      <Section title={t('reports.daily.staff')} none={none} rows={r.byStaff.map((s) => [`${s.staff} ×${s.sales}`, money(s.revenueFen)])} />
      <Section title={t('reports.daily.products')} none={none} rows={r.topProducts.map((p) => [`${p.name} ×${p.qty}`, money(p.revenueFen)])} />
      <Section title={t('reports.daily.byCategory')} none={none} rows={Object.entries(r.complaintsByCategory).map(([c, n]) => [categoryLabel(c), String(n)])} />
      {r.offline ? (
        <Section
          title={t('reports.daily.offline')}
          none={none}
          rows={[
            [L('offlineDay'), t('reports.daily.offlineValue', { ...r.offline.thatDay, storedValue: money(r.offline.thatDay.storedValueFen) })],
            [L('offlineOpen'), t('reports.daily.offlineValue', { ...r.offline.unconfirmed, storedValue: money(r.offline.unconfirmed.storedValueFen) })],
            [L('overdrafts'), String(r.offline.openOverdrafts)],
          ]}
        />
      ) : null}
    </div>
  );
}

/**
 * 日结: pick a day (today by default), read the day's report, print it on the receipt printer
 * or save it as PDF or CSV (downloaded through a Blob; nothing leaves the machine).
 */
export function DailyReportPanel({ today }: { today: string }) {
  const { t } = useT();
  const stored = useReports((s) => s.reportDay);
  const setDay = useReports((s) => s.setReportDay);
  const day = stored ?? today;
  const { data, failed } = useCall('stats.dailyReport', /^\d{4}-\d{2}-\d{2}$/.test(day) ? { day } : null);
  const [busy, setBusy] = useState<'print' | 'pdf' | 'csv' | null>(null);

  const print = async () => {
    setBusy('print');
    const r = await invoke('stats.printDailyReport', { day });
    setBusy(null);
    if (r.ok) notifySuccess('reports.daily.printed', { day });
  };
  const exportAs = async (format: 'pdf' | 'csv') => {
    setBusy(format);
    const r = await invoke('stats.exportDailyReport', { day, format });
    setBusy(null);
    if (!r.ok) return;
    downloadBase64(r.value.base64, r.value.fileName, r.value.mime);
    notifySuccess('reports.daily.exported', { file: r.value.fileName });
  };

  return (
    <section className="report-section" aria-labelledby="daily-title">
      <div className="section-head">
        <h2 id="daily-title">{t('reports.daily.title')}</h2>
        <label className="inline-field">
          <span>{t('reports.daily.day')}</span>
          <input type="date" value={day} max={today} onChange={(e) => setDay(e.target.value || null)} />
        </label>
        <div className="daily-actions" role="group" aria-label={t('reports.daily.actions')}>
          <button type="button" className="btn btn-primary" aria-disabled={busy !== null} onClick={() => busy === null && void print()}>
            {busy === 'print' ? t('reports.daily.printing') : t('reports.daily.print')}
          </button>
          <button type="button" className="btn btn-outline" aria-disabled={busy !== null} onClick={() => busy === null && void exportAs('pdf')}>
            {t('reports.daily.exportPdf')}
          </button>
          <button type="button" className="btn btn-outline" aria-disabled={busy !== null} onClick={() => busy === null && void exportAs('csv')}>
            {t('reports.daily.exportCsv')}
          </button>
        </div>
      </div>
      {failed ? <p className="field-error">{t('reports.failed')}</p> : null}
      {data ? (
        <>
          <p className="muted small">{t('reports.daily.heading', { shop: data.shopName, day: data.day })}</p>
          <ReportView r={data} />
        </>
      ) : null}
    </section>
  );
}
