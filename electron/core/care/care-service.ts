import { safeStringify } from '../csv/safe-csv.js';
import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import { createSettingsStore, type SettingsStore } from '../shop/settings-store.js';
import { maskPhone } from '../../../shared/phone.js';
import { fenToYuanString } from '../../../shared/money.js';
import type { Role } from '../../../shared/roles.js';
import type { Locale } from '../../../shared/contract/common.js';
import { CARE_KINDS, CareRules as CareRulesSchema, type CareRules, type CareTask } from '../../../shared/contract/complaints.js';
import { createComplaintLists } from '../complaints/lists.js';
import { couponsUnavailable } from '../complaints/compensation.js';
import { addDays, isLeapYear } from '../lib/dates.js';

export type CareKind = CareTask['kind'];
export type CareOutcome = NonNullable<CareTask['outcome']>;

export const CARE_RULES_KEY = 'care.rules';
export const CARE_LAST_RUN_KEY = 'care.lastGeneratedOn';

export const DEFAULT_CARE_RULES: CareRules = {
  lapseDays: 90,
  winBackMaxDays: 365,
  winBackMinSpendFen: null,
  birthdayDaysAhead: 7,
  welcomeBackDays: 7,
  enabled: { birthday: true, win_back: true, at_risk: true, complaint_follow_up: true, welcome_back: true },
};

export interface GenerateResult { created: number; byKind: Record<CareKind, number>; dropped: number }

interface TaskRow {
  id: number; kind: CareKind; member_id: number | null; member_name: string | null; phone: string | null; complaint_id: number | null;
  due_on: string; generated_on: string; status: 'open' | 'done' | 'dropped'; outcome: CareOutcome | null; done_by_name: string | null;
  done_at: string | null; note: string; details: string;
}

const SELECT = `SELECT t.id, t.kind, t.member_id, m.name AS member_name, m.phone, t.complaint_id, t.due_on, t.generated_on, t.status, t.outcome,
    d.name AS done_by_name, t.done_at, t.note, t.details
  FROM care_tasks t LEFT JOIN members m ON m.id = t.member_id LEFT JOIN staff d ON d.id = t.done_by`;

const INSERT = 'INSERT INTO care_tasks (kind, member_id, complaint_id, occasion, due_on, generated_on, details)';

const KIND_LABELS: Record<Locale, Record<CareKind, string>> = {
  'zh-CN': { birthday: '生日关怀', win_back: '挽回流失', at_risk: '流失预警', complaint_follow_up: '投诉回访', welcome_back: '新客回访' },
  en: { birthday: 'Birthday', win_back: 'Win-back', at_risk: 'At risk', complaint_follow_up: 'Complaint follow-up', welcome_back: 'Welcome back' },
};
const CSV_HEADER: Record<Locale, string[]> = {
  'zh-CN': ['姓名', '手机号', '类型', '日期', '原因'],
  en: ['name', 'phone', 'kind', 'due', 'reason'],
};

/** The generation queries, each an INSERT … SELECT over an index (see care.test.ts for their plans). */
export const GENERATE_SQL = {
  birthday: `${INSERT}
    SELECT 'birthday', m.id, NULL, @due, @due, @today, json_object('birthday', m.birthday_md)
    FROM members m WHERE m.birthday_md = @md AND m.status = 'active'
    ON CONFLICT DO NOTHING`,
  win_back: `${INSERT}
    SELECT 'win_back', s.member_id, NULL, s.last_sale_on, @today, @today, json_object('lastSaleOn', s.last_sale_on, 'spendFen', s.spend_fen, 'visits', s.sales_count)
    FROM member_stats s JOIN members m ON m.id = s.member_id
    WHERE s.last_sale_on < @lapsedBefore AND s.last_sale_on >= @oldest AND s.spend_fen >= @minSpend AND m.status = 'active'
    ON CONFLICT DO NOTHING`,
  at_risk: `${INSERT}
    SELECT 'at_risk', s.member_id, NULL, s.last_sale_on, @today, @today, json_object('lastSaleOn', s.last_sale_on, 'spendFen', s.spend_fen, 'visits', s.sales_count)
    FROM member_stats s JOIN members m ON m.id = s.member_id
    WHERE s.last_sale_on >= @lapsedBefore AND s.last_sale_on <= @riskFrom AND m.status = 'active'
    ON CONFLICT DO NOTHING`,
  welcome_back: `${INSERT}
    SELECT 'welcome_back', s.member_id, NULL, s.first_sale_on, date(s.first_sale_on, @plus), @today, json_object('firstSaleOn', s.first_sale_on, 'spendFen', s.spend_fen)
    FROM member_stats s JOIN members m ON m.id = s.member_id
    WHERE s.last_sale_on >= @from AND s.last_sale_on <= @to AND s.sales_count = 1 AND s.first_sale_on = s.last_sale_on AND m.status = 'active'
    ON CONFLICT DO NOTHING`,
  complaint_follow_up: `${INSERT}
    SELECT 'complaint_follow_up', c.member_id, c.id, c.follow_up_on, c.follow_up_on, @today, json_object('category', c.category, 'severity', c.severity, 'status', c.status)
    FROM complaints c
    WHERE c.status <> 'closed' AND c.follow_up_on <= @today
      AND (c.member_id IS NULL OR EXISTS (SELECT 1 FROM members m WHERE m.id = c.member_id AND m.status IN ('active','frozen')))
    ON CONFLICT DO NOTHING`,
};

/**
 * `MM-DD` values whose birthday falls on each of the next `ahead` days (today included),
 * with the date it falls on. 02-29 birthdays fall on 02-28 in common years.
 */
export function birthdayWindow(today: string, ahead: number): Array<{ md: string; due: string }> {
  const out: Array<{ md: string; due: string }> = [];
  for (let d = 0; d <= ahead; d++) {
    const due = addDays(today, d);
    out.push({ md: due.slice(5), due });
    if (due.slice(5) === '02-28' && !isLeapYear(Number(due.slice(0, 4)))) out.push({ md: '02-29', due });
  }
  return out;
}

/**
 * Care and follow-ups (客户关怀 / 回访): a task list generated each day from indexed queries
 * (never loading all members), idempotent through the `care_tasks_once` unique index.
 *
 * Rules (settings `care.rules`, defaults in DEFAULT_CARE_RULES), with N = lapseDays:
 * - birthday: active members whose birthday (members.birthday_md) falls today or in the next
 *   `birthdayDaysAhead` days; due on the birthday.
 * - win_back: lapsed members (last sale more than N days ago, at most `winBackMaxDays`) whose
 *   spend is at least `winBackMinSpendFen`, or, when that is null, in the top quartile of spend
 *   among member customers; due today; one per lapse (occasion = last sale date).
 * - at_risk: last sale between ⌈N/2⌉ and N days ago; one per lapse.
 * - complaint_follow_up: complaints not closed whose follow-up date is today or past; due on it.
 * - welcome_back: first sale `welcomeBackDays` ago (up to twice that, to catch up after days the
 *   shop was closed) and no second sale; due on first sale + welcomeBackDays.
 * Open tasks that no longer apply are marked `dropped`: the member came back, the lapse grew
 * past N (at risk) or the member left, the complaint was closed or its follow-up date moved,
 * a birthday passed more than a week ago.
 */
/** Issues coupons from a template to members; the rewards module's coupons.issue. */
export type CouponIssuer = (templateId: number, memberIds: number[], reason: 'birthday' | 'win_back', staffId: number) => string[];

export function createCareService(db: Database, clock: Clock, audit: AuditLog, settings: SettingsStore = createSettingsStore(db), issueCoupon?: CouponIssuer) {
  const lists = createComplaintLists(db, audit, settings);
  const byId = db.prepare<[number], TaskRow>(`${SELECT} WHERE t.id = ?`);
  const stmts = Object.fromEntries(Object.entries(GENERATE_SQL).map(([k, v]) => [k, db.prepare(v)])) as Record<keyof typeof GENERATE_SQL, ReturnType<Database['prepare']>>;
  const drop = db.prepare(`UPDATE care_tasks SET status = 'dropped', done_at = @now WHERE status = 'open' AND (
      (member_id IS NOT NULL AND EXISTS (SELECT 1 FROM members m WHERE m.id = care_tasks.member_id AND m.status IN ('erased','merged')))
      OR (kind IN ('win_back','at_risk') AND EXISTS (SELECT 1 FROM member_stats s WHERE s.member_id = care_tasks.member_id AND s.last_sale_on > care_tasks.occasion))
      OR (kind = 'at_risk' AND occasion < @lapsedBefore)
      OR (kind = 'welcome_back' AND EXISTS (SELECT 1 FROM member_stats s WHERE s.member_id = care_tasks.member_id AND s.sales_count > 1))
      OR (kind = 'complaint_follow_up' AND NOT EXISTS (SELECT 1 FROM complaints c WHERE c.id = care_tasks.complaint_id AND c.status <> 'closed' AND c.follow_up_on = care_tasks.occasion))
      OR (kind = 'birthday' AND due_on < @birthdayStale))`);
  // Spend only comes from sales (refunds never take it below zero), so spend > 0 means a member customer; both read the spend index only.
  const customers = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM member_stats WHERE spend_fen > 0');
  const spendAt = db.prepare<[number], { spend_fen: number }>('SELECT spend_fen FROM member_stats WHERE spend_fen > 0 ORDER BY spend_fen DESC LIMIT 1 OFFSET ?');
  const complaintEvent = db.prepare("INSERT INTO complaint_events (complaint_id, at, staff_id, kind, from_value, to_value, note) VALUES (?, ?, ?, 'note', NULL, NULL, ?)");

  function rules(): CareRules {
    const stored = settings.get<Partial<CareRules>>(CARE_RULES_KEY, {});
    return { ...DEFAULT_CARE_RULES, ...stored, enabled: { ...DEFAULT_CARE_RULES.enabled, ...(stored.enabled ?? {}) } };
  }

  /** The spend that puts a member customer in the top quartile (ties included); null without customers. */
  function topQuartileSpend(): number | null {
    const n = customers.get()!.n;
    if (n === 0) return null;
    return spendAt.get(Math.ceil(n / 4) - 1)?.spend_fen ?? null;
  }

  function view(r: TaskRow): CareTask {
    return {
      id: r.id, kind: r.kind, memberId: r.member_id, memberName: r.member_id === null ? null : r.member_name,
      maskedPhone: r.member_id === null ? null : maskPhone(r.phone), complaintId: r.complaint_id, dueOn: r.due_on, generatedOn: r.generated_on,
      status: r.status, outcome: r.outcome, doneBy: r.done_by_name, doneAt: r.done_at, note: r.note,
      details: JSON.parse(r.details) as CareTask['details'],
    };
  }

  function reason(t: TaskRow, locale: Locale): string {
    const d = JSON.parse(t.details) as Record<string, string | number | null>;
    const zh = locale === 'zh-CN';
    const yuan = (fen: unknown) => `¥${fenToYuanString(Number(fen ?? 0))}`;
    switch (t.kind) {
      case 'birthday': return zh ? `生日 ${d.birthday}` : `Birthday ${d.birthday}`;
      case 'win_back': return zh ? `最后消费 ${d.lastSaleOn}，累计消费 ${yuan(d.spendFen)}` : `Last visit ${d.lastSaleOn}, spent ${yuan(d.spendFen)}`;
      case 'at_risk': return zh ? `最后消费 ${d.lastSaleOn}` : `Last visit ${d.lastSaleOn}`;
      case 'welcome_back': return zh ? `首次消费 ${d.firstSaleOn}` : `First visit ${d.firstSaleOn}`;
      case 'complaint_follow_up': {
        const category = lists.label('categories', String(d.category), locale);
        return zh ? `投诉 #${t.complaint_id} 回访（${category}）` : `Complaint #${t.complaint_id} follow-up (${category})`;
      }
    }
  }

  /**
   * The generation in steps, one rule's insert per transaction and then the drops (the first
   * start of a day runs it behind serving, a step between requests; at full scale the whole
   * takes about a second). Each insert is idempotent through `care_tasks_once`, so a run
   * stopped between two steps is simply run again; the day is marked done with the drops.
   */
  function* generateSteps(staffId: number | null): Generator<void, GenerateResult> {
    const r = rules();
    const now = clock.now();
    const today = localDate(now);
    const lapsedBefore = addDays(today, -r.lapseDays);
    const byKind = Object.fromEntries(CARE_KINDS.map((k) => [k, 0])) as Record<CareKind, number>;
    const inserts: Array<() => void> = [];
    if (r.enabled.birthday) {
      inserts.push(() => { for (const { md, due } of birthdayWindow(today, r.birthdayDaysAhead)) byKind.birthday += stmts.birthday.run({ md, due, today }).changes; });
    }
    if (r.enabled.win_back) {
      inserts.push(() => {
        const minSpend = r.winBackMinSpendFen ?? topQuartileSpend();
        if (minSpend !== null) {
          byKind.win_back += stmts.win_back.run({ today, lapsedBefore, oldest: addDays(today, -r.winBackMaxDays), minSpend: Math.max(1, minSpend) }).changes;
        }
      });
    }
    if (r.enabled.at_risk) inserts.push(() => { byKind.at_risk += stmts.at_risk.run({ today, lapsedBefore, riskFrom: addDays(today, -Math.ceil(r.lapseDays / 2)) }).changes; });
    if (r.enabled.complaint_follow_up) inserts.push(() => { byKind.complaint_follow_up += stmts.complaint_follow_up.run({ today }).changes; });
    if (r.enabled.welcome_back) {
      inserts.push(() => {
        byKind.welcome_back += stmts.welcome_back.run({
          today, plus: `+${r.welcomeBackDays} days`, from: addDays(today, -2 * r.welcomeBackDays), to: addDays(today, -r.welcomeBackDays),
        }).changes;
      });
    }
    for (const insert of inserts) {
      yield;
      db.transaction(insert)();
    }
    yield;
    // After the inserts, so that a second run the same day finds nothing left to drop.
    return db.transaction(() => {
      const dropped = drop.run({ now: localDateTime(now), lapsedBefore, birthdayStale: addDays(today, -7) }).changes;
      const created = Object.values(byKind).reduce((a, b) => a + b, 0);
      settings.set(CARE_LAST_RUN_KEY, today);
      if (created > 0 || dropped > 0) audit.record({ staffId, action: 'care.generate', details: { today, created, dropped, byKind } });
      return { created, byKind, dropped };
    })();
  }

  return {
    rules,
    topQuartileSpend,

    setRules(patch: Partial<CareRules>, staffId: number | null): CareRules {
      return db.transaction(() => {
        const before = rules();
        const after = CareRulesSchema.parse({ ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
        if (after.winBackMaxDays <= after.lapseDays) throw new DomainError('bad_input', { field: 'winBackMaxDays', rule: 'more_than_lapse_days' }, 'errors.care_rules_invalid');
        settings.set(CARE_RULES_KEY, after);
        audit.record({ staffId, action: 'care.settings', entity: 'settings', entityId: CARE_RULES_KEY, details: { before, after } });
        return after;
      })();
    },

    /** Today's tasks: creates what is missing, drops what no longer applies. Running it again the same day changes nothing. */
    generate(staffId: number | null): GenerateResult {
      return db.transaction(() => {
        const steps = generateSteps(staffId);
        for (;;) {
          const r = steps.next();
          if (r.done) return r.value;
        }
      })();
    },

    generateSteps,

    /** Open tasks by due date (or done ones, latest first), with the open count per kind. */
    tasks(q: { kind?: CareKind | undefined; status: 'open' | 'done'; offset: number; limit: number }) {
      const params = { status: q.status, kind: q.kind ?? null, offset: q.offset, limit: q.limit };
      const filter = 'WHERE t.status = @status AND (@kind IS NULL OR t.kind = @kind)';
      const total = (db.prepare(`SELECT count(*) AS n FROM care_tasks t ${filter}`).get(params) as { n: number }).n;
      const order = q.status === 'open' ? 't.due_on, t.kind, t.id' : 't.done_at DESC, t.id DESC';
      const rows = db.prepare(`${SELECT} ${filter} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all(params) as TaskRow[];
      const counts = db.prepare('SELECT kind, count(*) AS n FROM care_tasks WHERE status = ? GROUP BY kind').all(q.status) as Array<{ kind: CareKind; n: number }>;
      const byKind = Object.fromEntries(CARE_KINDS.map((k) => [k, counts.find((c) => c.kind === k)?.n ?? 0]));
      return { total, items: rows.map(view), byKind };
    },

    complete(id: number, outcome: CareOutcome, note: string, staffId: number): CareTask {
      db.transaction(() => {
        const t = byId.get(id);
        if (!t) throw new DomainError('not_found', { entity: 'care_task', id });
        if (t.status !== 'open') throw new DomainError('rule_violation', { rule: 'care_task_not_open', status: t.status }, 'errors.care_task_not_open');
        const at = localDateTime(clock.now());
        db.prepare("UPDATE care_tasks SET status = 'done', outcome = ?, note = ?, done_by = ?, done_at = ? WHERE id = ?").run(outcome, note, staffId, at, id);
        // The follow-up call shows on the complaint's timeline too.
        if (t.complaint_id !== null) complaintEvent.run(t.complaint_id, at, staffId, `follow_up_call:${outcome}${note ? ` ${note}` : ''}`);
      })();
      return view(byId.get(id)!);
    },

    /** The open list as CSV to call from: name, phone (masked unless a manager asks for full phones; audited), kind, due, reason. */
    callList(q: { kind?: CareKind | undefined; fullPhones: boolean; locale?: Locale | undefined; limit: number }, viewer: { staffId: number; role: Role }): { csv: string; rows: number } {
      if (q.fullPhones && viewer.role === 'cashier') throw new DomainError('forbidden', { needs: 'manager', field: 'fullPhones' });
      const locale: Locale = q.locale ?? settings.get<{ locale?: Locale }>('shop', {}).locale ?? 'zh-CN';
      const rows = db.prepare(`${SELECT} WHERE t.status = 'open' AND (@kind IS NULL OR t.kind = @kind) ORDER BY t.due_on, t.kind, t.id LIMIT @limit`)
        .all({ kind: q.kind ?? null, limit: q.limit }) as TaskRow[];
      const records = rows.map((t) => [
        t.member_name ?? '', t.member_id === null ? '' : q.fullPhones ? (t.phone ?? '') : maskPhone(t.phone), KIND_LABELS[locale][t.kind], t.due_on, reason(t, locale),
      ]);
      if (q.fullPhones) audit.record({ staffId: viewer.staffId, action: 'care.callList', details: { rows: rows.length, fullPhones: true, kind: q.kind ?? null } });
      return { csv: safeStringify(records, { header: true, columns: CSV_HEADER[locale], bom: true }), rows: rows.length };
    },

    /**
     * One action to send a birthday or win-back coupon to everyone on the open list of that
     * kind: one coupon per member, and their tasks are marked done with outcome coupon_sent.
     */
    issueCoupons(kind: 'birthday' | 'win_back', templateId: number, staffId: number): { issued: number } {
      if (!issueCoupon) throw couponsUnavailable();
      return db.transaction(() => {
        const tasks = db.prepare<[string], { id: number; member_id: number }>("SELECT id, member_id FROM care_tasks WHERE status = 'open' AND kind = ? AND member_id IS NOT NULL").all(kind);
        const members = [...new Set(tasks.map((t) => t.member_id))];
        if (members.length === 0) return { issued: 0 };
        issueCoupon(templateId, members, kind, staffId);
        const at = localDateTime(clock.now());
        const done = db.prepare("UPDATE care_tasks SET status = 'done', outcome = 'coupon_sent', done_by = ?, done_at = ? WHERE id = ?");
        for (const t of tasks) done.run(staffId, at, t.id);
        return { issued: members.length };
      })();
    },
  };
}
export type CareService = ReturnType<typeof createCareService>;

/**
 * The daily job: run at the first start of each day (and on the first call of a new day if
 * the app stays open). Generates once per shop-local date; returns null when today's run was done.
 */
export function runDailyCare(db: Database, clock: Clock, audit: AuditLog, settings: SettingsStore = createSettingsStore(db)): GenerateResult | null {
  if (settings.get<string | null>(CARE_LAST_RUN_KEY, null) === localDate(clock.now())) return null;
  return createCareService(db, clock, audit, settings).generate(null);
}
