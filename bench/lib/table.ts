/** One row of the results table: a figure beside the baseline measured in the same run. */
export interface Row {
  id: string;
  figure: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  /** value / baselineValue. */
  ratio: number;
  /** Human-readable target, or '—' where the issue sets none. */
  target: string;
  /** null where there is no target. */
  met: boolean | null;
  note?: string;
}

const fmt = (x: number) => (!Number.isFinite(x) ? 'n/a' : Math.abs(x) >= 100 ? String(Math.round(x)) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

export function markdownTable(rows: Row[]): string {
  const lines = [
    '| figure | value | baseline | baseline value | ratio | target | met? |',
    '| --- | ---: | --- | ---: | ---: | --- | :---: |',
  ];
  for (const r of rows) {
    lines.push(`| ${r.figure} | ${fmt(r.value)} ${r.unit} | ${r.baseline} | ${fmt(r.baselineValue)} ${r.unit} | ${fmt(r.ratio)}× | ${r.target} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}
