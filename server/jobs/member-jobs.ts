import type { Db } from '../db/pool.js';
import { createPairingCode } from '../pairing.js';

/**
 * The chain's daily member jobs (issue 15, migration 007). Members, their points, stored value,
 * coupons and count cards are the chain's, so points expiry, birthday points and coupons,
 * count-card expiry and the tier review run once a day here, not on every till (two tills
 * would each give the birthday points). They run in the server's member-jobs till: a till core
 * on this machine that receives the whole feed and runs the tills' own jobs (the same code, so
 * the same rules), its entries pushed through ingest like any till's, so they reach every till
 * holding the member in its feed. The till core is given by the composition root
 * (electron/host/member-jobs-till.ts): the server itself stays plain Node over PostgreSQL.
 */
export interface MemberJobsReport {
  /** The shop-local day the jobs ran for. */
  day: string;
  expiredPoints: number;
  membersExpired: number;
  birthdayBonuses: number;
  birthdayCoupons: number;
  /** How far the feed moved in the round before the jobs ran (feed numbers), and the till transactions pushed after. */
  pulled: number;
  pushed: number;
}

export interface MemberJobsTill {
  /** Catches up with the feed, runs the day's jobs if this day has not had them, pushes. */
  runIfNewDay(): Promise<MemberJobsReport | null>;
  close(): Promise<void>;
}

/** What the member-jobs till needs from the server: where it is, and a code that pairs it as that till. */
export interface MemberJobsHost {
  url: string;
  pairingCode(): Promise<string>;
}

export type MemberJobsTillFactory = (host: MemberJobsHost) => MemberJobsTill;

export const memberJobsPairingCode = async (db: Db): Promise<string> => (await createPairingCode(db, undefined, undefined, { memberJobs: true })).code;

/**
 * Runs the jobs at start and then every `everyMs` (hourly: a server left on past midnight runs
 * the new day's jobs within the hour). A failure is logged and tried again at the next tick;
 * runs never overlap.
 */
export function scheduleMemberJobs(till: MemberJobsTill, o: { everyMs?: number; log: (m: string, err?: unknown) => void }) {
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= till.runIfNewDay()
      .then((r) => { if (r) o.log(`member jobs for ${r.day}: ${r.membersExpired} members' points expired (${r.expiredPoints}), ${r.birthdayBonuses} birthday points, ${r.birthdayCoupons} birthday coupons`); })
      .catch((err: unknown) => o.log('member jobs failed (tried again within the hour)', err))
      .finally(() => { running = null; });
  };
  tick();
  const timer = setInterval(tick, o.everyMs ?? 60 * 60 * 1000);
  timer.unref();
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
      await till.close();
    },
  };
}
