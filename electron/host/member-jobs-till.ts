import fs from 'node:fs';
import { createCore, type CoreOptions } from '../core/app.js';
import { localDate } from '../core/lib/clock.js';
import type { MemberJobsHost, MemberJobsReport, MemberJobsTill } from '../../server/jobs/member-jobs.js';

/** The shop server's member-jobs till (server/jobs/member-jobs.ts, server migration 007). */
export const MEMBER_JOBS_TILL_NAME = '会员日常任务（店服务器）';

/**
 * A till core in `dataDir` (the server's folder), paired as the member-jobs till the first
 * time it runs. Every run: one sync round (push anything left, pull the feed to its head),
 * then, once per shop-local day, the tills' own daily member jobs (rewards/daily.ts: points
 * expiry, birthday points and coupons, count-card expiry, the tier review) over everything it
 * holds — the whole chain, since its feed is unfiltered — then a round that pushes their
 * entries. The day counts as done when they ran (daily.lastRun, as on a till); entries not
 * yet pushed go at the next run, so nothing is done twice or lost.
 */
export function createMemberJobsTill(host: MemberJobsHost, o: { dataDir: string } & Partial<CoreOptions>): MemberJobsTill {
  fs.mkdirSync(o.dataDir, { recursive: true });
  const core = createCore({ autoBackup: false, checkOutputs: false, ...o, syncLoop: false, memberJobsTill: true });
  const { sync, daily, settings, clock } = core.services;
  // The server it runs beside may listen on another port this time (--port 0): same server, same
  // pinned certificate, so only the address follows (before the first round opens a connection).
  core.db.prepare('UPDATE sync_state SET server_url = ? WHERE enabled = 1').run(host.url);

  const ensurePaired = async () => {
    if (sync.status().paired) return;
    const code = await host.pairingCode();
    const r = await core.dispatcher.call('sync.pair', { url: host.url, code, tillName: MEMBER_JOBS_TILL_NAME }, null);
    if (!r.ok) throw new Error(`the member-jobs till could not pair: ${r.error.code}`);
    await sync.stop(); // rounds are driven from here
  };
  const feedCursor = () => (core.db.prepare('SELECT feed_cursor AS n FROM sync_state').get() as { n: number }).n;

  return {
    async runIfNewDay(): Promise<MemberJobsReport | null> {
      await ensurePaired();
      const before = feedCursor();
      await sync.syncOnce();
      const status = sync.status();
      // A fact it cannot apply would leave it behind the feed: better no jobs than jobs over a partial chain.
      if (status.feedStopped) throw new Error('the member-jobs till stopped at a fact it cannot apply (see its exceptions)');
      const day = localDate(clock.now());
      if (settings.get<string | null>('daily.lastRun', null) === day) return null;
      const pulled = feedCursor() - before;
      const r = daily.run();
      const backlog = sync.status().backlog;
      await sync.syncOnce();
      return { day, expiredPoints: r.expiredPoints, membersExpired: r.membersExpired, birthdayBonuses: r.birthdayBonuses, birthdayCoupons: r.birthdayCoupons, pulled, pushed: backlog - sync.status().backlog };
    },
    async close() { await core.shutdown(); },
  };
}
