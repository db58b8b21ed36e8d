/**
 * Figure 6: member CSV import rate through the CLI's path (membersCsv.importCsv: decoding,
 * parsing, validation, one transaction) into a fresh shop, versus a bare bulk insert of the
 * same rows (already parsed) into another fresh shop with the same schema and pragmas, and into
 * a third with every trigger dropped (the physical limit: member summaries, balances and sync
 * bookkeeping are what the gap between the two baselines costs).
 * The file is the benchmark shop's own member export, so it is as large as the shop.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { createCore } from '../../electron/core/app.js';
import { fixedClockAt } from '../lib/shop-core.js';
import { addMonths } from '../../electron/core/lib/dates.js';
import { normalizeMobile } from '../../shared/phone.js';
import { parseYuan } from '../../shared/money.js';
import { nowMs } from '../lib/measure.js';
import { dropTriggers } from '../lib/bare-copy.js';
import type { Row } from '../lib/table.js';

export async function importFigure(o: { csv: string; until: string; log: (m: string) => void }): Promise<Row[]> {
  const bytes = Buffer.from(o.csv, 'utf8');
  const fresh = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-bench-import-'));
    return { dir, core: createCore({ dataDir: dir, clock: fixedClockAt(o.until), autoBackup: false, logger: { error: () => {} } }) };
  };

  const a = fresh();
  let appMs: number;
  let imported: number;
  try {
    const t = nowMs();
    const report = a.core.services.membersCsv.importCsv(bytes, null);
    appMs = nowMs() - t;
    imported = report.imported;
    if (report.errors.length > 0) throw new Error(`import rejected rows: ${JSON.stringify(report.errors.slice(0, 3))}`);
  } finally {
    await a.core.shutdown();
    fs.rmSync(a.dir, { recursive: true, force: true });
  }

  /** The parsed rows bulk-inserted into a fresh shop (its triggers dropped first when `limit`). */
  const bareRun = async (limit: boolean): Promise<number> => {
    const b = fresh();
    try {
      const { db } = b.core;
      if (limit) dropTriggers(db);
      const rows = parse(bytes, { columns: true, bom: true }) as Array<Record<string, string>>;
      const entry = (db.prepare('SELECT id FROM tiers ORDER BY rank LIMIT 1').get() as { id: number }).id;
      const tiers = new Map((db.prepare('SELECT id, name FROM tiers').all() as Array<{ id: number; name: string }>).map((t) => [t.name, t.id]));
      const now = `${o.until}T19:00:00`;
      const expires = addMonths(o.until, 12);
      const insert = db.prepare(`INSERT INTO members (card_no, phone, name, birthday_md, birth_year, gender, note, consent, tier_id, enrolled_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`);
      const history = db.prepare("INSERT INTO member_tier_history (member_id, from_tier, to_tier, reason, at) VALUES (?, NULL, ?, 'import', ?)");
      const tag = db.prepare('INSERT OR IGNORE INTO member_tags (tag, member_id) VALUES (?, ?)');
      const pts = db.prepare("INSERT INTO points_ledger (member_id, at, delta, reason, expires_on, note) VALUES (?, ?, ?, 'opening', ?, 'import')");
      const sv = db.prepare("INSERT INTO stored_value_ledger (member_id, at, principal_delta, bonus_delta, reason, note) VALUES (?, ?, ?, 0, 'opening', 'import')");
      const prepared = rows.map((r) => {
        const bd = /^(?:(\d{4})-)?(\d{2}-\d{2})$/.exec(r.birthday ?? '');
        return {
          card: r.card_no!, phone: normalizeMobile(r.phone!)!, name: r.name!, md: bd?.[2] ?? null, year: bd?.[1] ? Number(bd[1]) : null,
          gender: r.gender || null, note: r.note ?? '', tier: tiers.get(r.tier!) ?? entry, enrolled: r.enrolled_at!.replace(' ', 'T'),
          points: Number(r.points || 0), value: parseYuan(r.stored_value || '0') ?? 0, tags: (r.tags ?? '').split('|').filter(Boolean),
        };
      });
      const t = nowMs();
      db.transaction(() => {
        for (const r of prepared) {
          const id = Number(insert.run(r.card, r.phone, r.name, r.md, r.year, r.gender, r.note, r.tier, r.enrolled, now).lastInsertRowid);
          history.run(id, r.tier, r.enrolled);
          for (const g of r.tags) tag.run(g, id);
          if (r.points !== 0) pts.run(id, now, r.points, expires);
          if (r.value !== 0) sv.run(id, now, r.value);
        }
      })();
      return nowMs() - t;
    } finally {
      await b.core.shutdown();
      fs.rmSync(b.dir, { recursive: true, force: true });
    }
  };
  const bareMs = await bareRun(false);
  const limitMs = await bareRun(true);
  const rate = (imported * 1000) / appMs;
  const bareRate = (imported * 1000) / bareMs;
  const limitRate = (imported * 1000) / limitMs;
  o.log(`import: ${imported} rows, app ${(appMs / 1000).toFixed(1)} s, bare ${(bareMs / 1000).toFixed(1)} s, no triggers ${(limitMs / 1000).toFixed(1)} s`);
  return [{
    id: 'import.members.limit', figure: `member CSV import (${imported} rows), against the physical limit`, value: rate, unit: 'rows/s',
    baseline: 'bare bulk insert, every trigger dropped', baselineValue: limitRate, ratio: rate / limitRate, target: '≥ 0.5× baseline', met: rate / limitRate >= 0.5,
    note: `bare with triggers vs without: ${(bareRate / limitRate).toFixed(2)}×`,
  }, {
    id: 'import.members', figure: `member CSV import (${imported} rows)`, value: rate, unit: 'rows/s',
    baseline: 'bare bulk insert of the parsed rows', baselineValue: bareRate, ratio: rate / bareRate, target: '—', met: null,
    note: `app ${(appMs / 1000).toFixed(1)} s incl. parsing and validation; bare ${(bareMs / 1000).toFixed(1)} s`,
  }];
}
