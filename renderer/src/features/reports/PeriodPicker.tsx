import { useEffect, useState, type FormEvent } from 'react';
import { useT } from './use-t.js';
import { PRESETS, periodProblem, type Period } from './periods.js';
import { useReports } from './reports-store.js';

/**
 * The period: presets as radio buttons (arrow keys move between them), and a custom range of
 * two date fields applied with Enter or the button. The choice is kept in the reports store.
 */
export function PeriodPicker({ period }: { period: Period }) {
  const { t } = useT();
  const preset = useReports((s) => s.preset);
  const setPreset = useReports((s) => s.setPreset);
  const setCustom = useReports((s) => s.setCustom);
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [problem, setProblem] = useState<string | null>(null);
  // The fields follow the period when it changes elsewhere (a preset, the [ and ] keys).
  useEffect(() => {
    setFrom(period.from);
    setTo(period.to);
    setProblem(null);
  }, [period.from, period.to]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const p = periodProblem({ from, to });
    setProblem(p);
    if (!p) setCustom({ from, to });
  };

  return (
    <div className="period-picker">
      <fieldset className="radio-row period-presets">
        <legend>{t('reports.period.label')}</legend>
        {PRESETS.map((p) => (
          <label key={p} className="radio-pill">
            <input
              type="radio"
              name="report-period"
              value={p}
              checked={preset === p}
              onChange={() => {
                if (p === 'custom') {
                  // Start the custom range from what is shown now.
                  setFrom(period.from);
                  setTo(period.to);
                  setCustom(period);
                } else setPreset(p);
              }}
            />
            {t(`reports.period.${p}`)}
          </label>
        ))}
      </fieldset>
      {preset === 'custom' ? (
        <form className="period-custom" onSubmit={apply} noValidate aria-label={t('reports.period.customRange')}>
          <label className="inline-field">
            <span>{t('reports.period.from')}</span>
            <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} aria-invalid={problem ? true : undefined} />
          </label>
          <label className="inline-field">
            <span>{t('reports.period.to')}</span>
            <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} aria-invalid={problem ? true : undefined} />
          </label>
          <button type="submit" className="btn btn-outline btn-sm">
            {t('reports.period.apply')}
          </button>
          {problem ? (
            <p className="field-error" role="alert">
              {t(`reports.period.problem.${problem}`)}
            </p>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
