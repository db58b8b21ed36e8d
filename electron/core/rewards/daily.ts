import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate } from '../lib/clock.js';
import type { Points } from './points.js';
import type { RewardsRulesStore } from './rules.js';
import type { Coupons } from './coupons.js';

const md = (d: Date) => `${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Members whose birthday window contains today and who have no `reason` entry yet this year. */
function birthdayMembers(db: Database, now: Date, window: 'day' | 'week' | 'month', already: string): number[] {
  let days: string[];
  if (window === 'month') {
    const month = String(now.getMonth() + 1).padStart(2, '0');
    days = Array.from({ length: 31 }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`).filter((d) => d <= md(now));
  } else if (window === 'week') {
    days = Array.from({ length: 7 }, (_, i) => md(new Date(now.getFullYear(), now.getMonth(), now.getDate() - i)));
  } else {
    days = [md(now)];
  }
  // A 02-29 birthday is celebrated on 02-28 in common years.
  const leap = new Date(now.getFullYear(), 1, 29).getMonth() === 1;
  if (!leap && days.includes('02-28')) days.push('02-29');
  const yearStart = `${now.getFullYear()}-01-01`;
  return db.prepare(`SELECT m.id FROM members m WHERE m.birthday_md IN (${days.map(() => '?').join(',')}) AND m.status = 'active'
      AND NOT EXISTS (${already})`).pluck().all(...days, yearStart) as number[];
}

/** 生日券: a coupon from the chosen template, once a year, like the birthday points. */
export function issueBirthdayCoupons(db: Database, clock: Clock, coupons: Coupons, rules: RewardsRulesStore): number {
  const templateId = rules.get().birthdayCouponTemplateId;
  if (templateId === null) return 0;
  const members = birthdayMembers(db, clock.now(), rules.get().birthdayWindow,
    "SELECT 1 FROM coupons c WHERE c.member_id = m.id AND c.reason = 'birthday' AND c.valid_from >= ?");
  if (members.length > 0) coupons.issue(templateId, members, 'birthday', null);
  return members.length;
}

/**
 * 生日积分: once a calendar year, to active members whose birthday window contains today
 * (the day itself, the 7 days from it, or its month). Idempotent: a member who already has
 * this year's birthday entry is skipped.
 */
export function grantBirthdayBonuses(db: Database, clock: Clock, points: Points, rules: RewardsRulesStore): number {
  const r = rules.get();
  if (r.birthdayBonus <= 0) return 0;
  const members = birthdayMembers(db, clock.now(), r.birthdayWindow,
    "SELECT 1 FROM points_ledger p WHERE p.member_id = m.id AND p.reason = 'birthday' AND p.at >= ?");
  db.transaction(() => { for (const id of members) points.post(id, r.birthdayBonus, 'birthday'); })();
  return members.length;
}

/** Lets a request waiting behind a slice of the daily jobs be served first. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs a job's steps to the end at once; answers what it returned. */
function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Where the member jobs run: on this till (a till on its own, or the server's member-jobs
 * till), or on the shop server (any till paired with one: members are the chain's, so their
 * expiry, birthdays and tiers are decided once, and the entries reach every till in the feed).
 */
export type MemberJobsPlace = 'this_till' | 'server';

/**
 * The jobs that run at the first start of each day (and on demand): idempotent, each in its
 * own transaction. Before the till serves: birthday points and coupons, the `memberExtra`
 * jobs (count-card expiry) and the `extra` ones (quick, indexed). Behind serving, in slices
 * between requests: the points write-off (its candidates, then a few hundred members per
 * slice), the `sliced` member jobs (the tier review) and the `extraSliced` ones (the care
 * list) — at full scale these take seconds, and nothing at the till waits for them: an
 * expired lot is never spendable, written off or not (points.ts, fifo.ts).
 * The member jobs (points expiry, birthdays, `memberExtra`, `sliced`) run only where
 * `memberJobs()` says; `extra` and `extraSliced` run wherever these jobs run.
 */
export function createDailyJobs(d: {
  db: Database; clock: Clock; points: Points; rules: RewardsRulesStore; coupons: Coupons;
  lastRun: { get(): string | null; set(day: string): void };
  memberJobs?: () => MemberJobsPlace;
  memberExtra?: Array<() => void>;
  extra?: Array<() => void>;
  sliced?: Array<() => Generator<void, unknown>>;
  extraSliced?: Array<() => Generator<void, unknown>>;
}) {
  const place = d.memberJobs ?? (() => 'this_till' as const);
  /** The jobs behind serving after the points write-off: the tier review where the member jobs run, then the rest. */
  const afterWriteOff = (here: boolean) => [...(here ? d.sliced ?? [] : []), ...(d.extraSliced ?? [])];
  let running: Promise<void> | null = null;
  let stopping = false;

  const quickJobs = () => {
    const memberJobs = place();
    let birthdayBonuses = 0;
    let birthdayCoupons = 0;
    if (memberJobs === 'this_till') {
      birthdayBonuses = grantBirthdayBonuses(d.db, d.clock, d.points, d.rules);
      birthdayCoupons = issueBirthdayCoupons(d.db, d.clock, d.coupons, d.rules);
      for (const job of d.memberExtra ?? []) job();
    }
    for (const job of d.extra ?? []) job();
    return { birthdayBonuses, birthdayCoupons, memberJobs };
  };

  return {
    /** Everything, now (the owner's 立即运行 and tests). */
    run() {
      const quick = quickJobs();
      const here = quick.memberJobs === 'this_till';
      const expired = here ? drain(d.points.expireSteps()) : { points: 0, members: 0 };
      for (const job of afterWriteOff(here)) drain(job());
      d.lastRun.set(localDate(d.clock.now()));
      return { expiredPoints: expired.points, membersExpired: expired.members, ...quick };
    },
    /**
     * Once per shop-local day: the quick jobs before returning, the write-off and the sliced
     * ones in the background. The day counts as done only when all have finished, so a start that is
     * stopped half-way runs them again (they are idempotent).
     */
    startIfNewDay(onError: (err: unknown) => void): boolean {
      if (running || d.lastRun.get() === localDate(d.clock.now())) return false;
      const here = quickJobs().memberJobs === 'this_till';
      // Decided now: after the first turn the database may be closed.
      const jobs = [...(here ? [() => d.points.expireSteps()] : []), ...afterWriteOff(here)];
      stopping = false;
      running = (async () => {
        await nextTurn(); // even the first slice waits for the caller to go on (the host to listen)
        for (const job of jobs) {
          // `stopping` is read before every step, the first too: a generator's first step
          // (the tier review lists its candidates there) must not run once the core is
          // closing, because close() shuts the database without waiting for this.
          const steps = job();
          while (!stopping && !steps.next().done) await nextTurn();
          if (stopping) {
            steps.return(undefined);
            return;
          }
        }
        d.lastRun.set(localDate(d.clock.now()));
      })().catch(onError).finally(() => { running = null; });
      return true;
    },
    /** Resolves when no background slice is left (at once if none). */
    idle: (): Promise<void> => running ?? Promise.resolve(),
    /** Stops the background slices at the next gap (before the database closes). */
    stop(): Promise<void> {
      stopping = true;
      return running ?? Promise.resolve();
    },
  };
}
export type DailyJobs = ReturnType<typeof createDailyJobs>;
