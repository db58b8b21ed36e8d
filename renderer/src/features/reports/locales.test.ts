import { describe, expect, it } from 'vitest';
import { RFM_SEGMENTS } from '../../../../shared/contract/stats.js';
import { PaymentMethod } from '../../../../shared/contract/receipt.js';
import zh from './locales/zh-CN.json' with { type: 'json' };
import { CARDS } from './figures.js';
import { PRESETS } from './periods.js';
import { REPORT_TABS } from './reports-store.js';

type Tree = { [k: string]: string | Tree };
const has = (key: string) => {
  let node: string | Tree | undefined = zh as Tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string';
};

describe('reports translations', () => {
  it('has every key the dashboard asks for by name', () => {
    // The feature's own source, read by the bundler (the renderer imports no Node built-ins, tests included).
    const sources = import.meta.glob<string>(['./*.ts', './*.tsx', '!./*.test.ts'], { query: '?raw', import: 'default', eager: true });
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const m of text.matchAll(/['`](reports\.[\w.]+)['`]/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !has(k))).toEqual([]);
  });

  it('has the keys built at run time: figures, presets, tabs, segments, payment methods', () => {
    const keys = [
      ...CARDS.map((c) => `reports.card.${c.key}`),
      ...PRESETS.map((p) => `reports.period.${p}`),
      ...REPORT_TABS.map((id) => `reports.tab.${id}`),
      ...RFM_SEGMENTS.map((s) => `reports.rfm.segment.${s}`),
      ...PaymentMethod.options.map((m) => `reports.daily.method.${m}`),
      ...['format', 'order', 'tooLong'].map((p) => `reports.period.problem.${p}`),
      ...['day', 'week', 'month'].map((b) => `reports.bucket.${b}`),
      ...['lapsed_high_value', 'at_risk', 'birthdays_week', 'top'].map((f) => `reports.actions.${f}`),
      ...['lapsed_high_value', 'at_risk', 'top', 'unresolved'].map((f) => `reports.actions.hint.${f}`),
      ...['sale', 'refund'].map((k) => `reports.drill.kind.${k}`),
    ];
    expect(keys.filter((k) => !has(k))).toEqual([]);
  });
});
