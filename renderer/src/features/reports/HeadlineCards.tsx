import { useT, type LooseT } from './use-t.js';
import type { Headline } from '../../../../shared/contract/stats.js';
import { CARDS, changeOf, headlineValue, type CardDef, type Drill } from './figures.js';
import { formatChange, formatCount, formatFigure, formatPercent } from './format.js';
import type { Period } from './periods.js';

/** A line under some figures: what they are made of. */
function detail(def: CardDef, h: Headline, t: LooseT, locale: string): string | null {
  switch (def.key) {
    case 'complaintRate':
      return t('reports.cardDetail.complaints', { count: h.complaints, sales: formatCount(h.sales, locale) });
    case 'nps':
      return t('reports.cardDetail.responses', { count: h.npsResponses });
    case 'pointsRedeemed':
      return h.redemptionRate === null ? null : t('reports.cardDetail.redemptionRate', { rate: formatPercent(h.redemptionRate, locale) });
    case 'pointsLiabilityFen':
      return t('reports.cardDetail.outstanding', { points: formatCount(h.pointsOutstanding, locale) });
    case 'sales':
      return h.refunds ? t('reports.cardDetail.refunds', { count: h.refunds }) : null;
    default:
      return null;
  }
}

/**
 * The headline figures of the period, each with its change against the previous period of
 * equal length; each card is a button that opens the rows the figure counts.
 */
export function HeadlineCards({ current, previous, period, onOpen }: { current: Headline; previous: Headline; period: Period; onOpen: (d: Drill) => void }) {
  const { t, i18n } = useT();
  const locale = i18n.language;
  return (
    <ul className="figure-cards" aria-label={t('reports.cards')}>
      {CARDS.map((def) => {
        const value = headlineValue(current, def.key);
        const before = headlineValue(previous, def.key);
        const change = changeOf(def, value, before);
        const extra = detail(def, current, t, locale);
        return (
          <li key={def.key}>
            <button type="button" className="figure-card" data-figure={def.key} onClick={() => onOpen(def.drill(period))}>
              <span className="figure-label">{t(`reports.card.${def.key}`)}</span>
              <span className="figure-value">{formatFigure(value, def.format, locale)}</span>
              <span className={change ? `figure-change figure-${change.tone}` : 'figure-change'}>
                {change ? (
                  <>
                    <span aria-hidden="true">{change.direction === 'up' ? '▲ ' : change.direction === 'down' ? '▼ ' : ''}</span>
                    {t('reports.change', { change: formatChange(change, locale, t('reports.pointsUnit')) })}
                  </>
                ) : (
                  t('reports.previous', { value: formatFigure(before, def.format, locale) })
                )}
              </span>
              {extra ? <span className="figure-detail">{extra}</span> : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
