import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';

const dirs: Array<ReturnType<typeof makeTempDir>> = [];
afterEach(() => { for (const d of dirs.splice(0)) d.cleanup(); });

/** `npm run pos -- import …` as the owner runs it: a real process on a real shop folder. */
function pos(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/host/cli.ts', ...args], { cwd: process.cwd(), encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run pos -- import complaints|feedback', () => {
  it('imports the good lines and reports each bad one by line and reason, exiting 1', () => {
    const tmp = makeTempDir();
    dirs.push(tmp);
    const file = path.join(tmp.dir, 'complaints.csv');
    fs.writeFileSync(file, [
      'logged_at,member_phone,channel,category,severity,description,status,resolved_at',
      '2026-03-01T10:15:00,,in_store,product,high,牛奶变质,resolved,2026-03-02T09:00:00',
      '2026-03-05T12:00:00,,fax,waiting,low,电话没人接,open,',
      '2026-03-06T08:30:00,,in_store,service,urgent,态度差,open,',
    ].join('\n'));
    const dataDir = path.join(tmp.dir, 'shop');
    const r = pos(['import', 'complaints', file, '--data-dir', dataDir]);
    expect(r.code, r.err).toBe(1);
    expect(r.out).toContain('complaints: 1 imported, 0 updated, 2 rejected');
    expect(r.out).toContain('line 3: channel {"value":"fax"}');
    expect(r.out).toContain('line 4: severity {"value":"urgent"}');

    const nps = path.join(tmp.dir, 'nps.csv');
    fs.writeFileSync(nps, 'answered_at,member_phone,score,comment\n2026-03-01T10:00:00,,9,好\n2026-03-02T10:00:00,,eleven,\n');
    const json = pos(['import', 'feedback', nps, '--data-dir', dataDir, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ imported: 1, errors: [{ line: 3, reason: 'score' }] });
  }, 60_000);
});
