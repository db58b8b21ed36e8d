import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDate, localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Role } from '../../../shared/roles.js';
import { maskPhone } from '../../../shared/phone.js';
import type { Complaint, ComplaintDetail, ComplaintEvent, Compensation } from '../../../shared/contract/complaints.js';
import type { ComplaintListsService } from './lists.js';
import type { CompensationPort } from './compensation.js';
import { addDays, daysBetween } from '../lib/dates.js';
import { canMove } from '../../../shared/complaint-workflow.js';

export { TRANSITIONS, canMove } from '../../../shared/complaint-workflow.js';

export type ComplaintStatus = Complaint['status'];
export type Severity = Complaint['severity'];

/** Who is asking: cashiers see and open only the complaints they logged. */
export interface Viewer { staffId: number; role: Role }

export interface ComplaintFilter {
  status?: ComplaintStatus | undefined; category?: string | undefined; severity?: Severity | undefined; channel?: string | undefined;
  memberId?: number | undefined; from?: string | undefined; to?: string | undefined; overdueOnly?: boolean | undefined;
}

interface Row {
  id: number; logged_at: string; channel: string; category: string; severity: Severity; description: string;
  member_id: number | null; member_name: string | null; member_phone: string | null; sale_id: number | null; receipt_no: string | null;
  status: ComplaintStatus; assignee_id: number | null; assignee_name: string | null; resolution: string; follow_up_on: string | null;
  satisfaction: number | null; resolved_at: string | null; closed_at: string | null; created_by: number | null; created_by_name: string | null;
  source: 'till' | 'import';
}

const SELECT = `SELECT c.id, c.logged_at, c.channel, c.category, c.severity, c.description, c.member_id, m.name AS member_name, m.phone AS member_phone,
    c.sale_id, s.receipt_no, c.status, c.assignee_id, a.name AS assignee_name, c.resolution, c.follow_up_on, c.satisfaction,
    c.resolved_at, c.closed_at, c.created_by, cb.name AS created_by_name, c.source
  FROM complaints c LEFT JOIN members m ON m.id = c.member_id LEFT JOIN sales s ON s.id = c.sale_id
  LEFT JOIN staff a ON a.id = c.assignee_id LEFT JOIN staff cb ON cb.id = c.created_by`;

const UNRESOLVED = "c.status IN ('open','in_progress')";
const OVERDUE = `(${UNRESOLVED} AND c.follow_up_on < @today)`;
/**
 * Overdue follow-ups first (highest severity, then longest overdue), then the other
 * unresolved complaints by severity and age (oldest first), then resolved/closed, newest first.
 */
const ORDER = `CASE WHEN ${OVERDUE} THEN 0 WHEN ${UNRESOLVED} THEN 1 ELSE 2 END,
  CASE WHEN ${UNRESOLVED} THEN CASE c.severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END END,
  CASE WHEN ${OVERDUE} THEN c.follow_up_on END,
  CASE WHEN ${UNRESOLVED} THEN c.logged_at END,
  c.logged_at DESC, c.id DESC`;

/** Builds the WHERE of a complaint list; every condition is a bound parameter. */
function where(f: ComplaintFilter, viewer: Viewer, today: string): { sql: string; params: Record<string, unknown> } {
  const w: string[] = [];
  const params: Record<string, unknown> = { today };
  if (viewer.role === 'cashier') { w.push('c.created_by = @me'); params.me = viewer.staffId; }
  if (f.status) { w.push('c.status = @status'); params.status = f.status; }
  if (f.category) { w.push('c.category = @category'); params.category = f.category; }
  if (f.severity) { w.push('c.severity = @severity'); params.severity = f.severity; }
  if (f.channel) { w.push('c.channel = @channel'); params.channel = f.channel; }
  if (f.memberId) { w.push('c.member_id = @memberId'); params.memberId = f.memberId; }
  if (f.from) { w.push('c.logged_at >= @from'); params.from = f.from; }
  if (f.to) { w.push('c.logged_at < @toNext'); params.toNext = addDays(f.to, 1); }
  if (f.overdueOnly) w.push(OVERDUE);
  return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', params };
}

/** Monday of the week holding `date`. */
export function weekStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

/**
 * Complaints (投诉): logged at the counter in seconds, then handled by a manager through
 * open → in progress → resolved → closed (reopen allowed), with every change a timeline entry
 * (who, when, from, to). Compensation goes through a CompensationPort into the ledgers.
 */
export function createComplaintsService(db: Database, clock: Clock, audit: AuditLog, lists: ComplaintListsService, compensation: CompensationPort) {
  const byId = db.prepare<[number], Row>(`${SELECT} WHERE c.id = ?`);
  const events = db.prepare<[number], { id: number; at: string; staff_id: number | null; staff_name: string | null; kind: ComplaintEvent['kind']; from_value: string | null; to_value: string | null; note: string }>(`
    SELECT e.id, e.at, e.staff_id, s.name AS staff_name, e.kind, e.from_value, e.to_value, e.note
    FROM complaint_events e LEFT JOIN staff s ON s.id = e.staff_id WHERE e.complaint_id = ? ORDER BY e.id`);
  const addEvent = db.prepare('INSERT INTO complaint_events (complaint_id, at, staff_id, kind, from_value, to_value, note) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const memberStatus = db.prepare<[number], { status: string }>('SELECT status FROM members WHERE id = ?');
  const saleMember = db.prepare<[number], { member_id: number | null }>('SELECT member_id FROM sales WHERE id = ?');
  const staffRow = db.prepare<[number], { name: string; active: number }>('SELECT name, active FROM staff WHERE id = ?');
  const insert = db.prepare(`INSERT INTO complaints (logged_at, channel, category, severity, description, member_id, sale_id, status, created_by, source, updated_at)
    VALUES (@loggedAt, @channel, @category, @severity, @description, @memberId, @saleId, 'open', @createdBy, 'till', @loggedAt)`);

  const today = () => localDate(clock.now());

  function view(r: Row, day = today()): Complaint {
    return {
      id: r.id, loggedAt: r.logged_at, channel: r.channel, category: r.category, severity: r.severity, description: r.description,
      memberId: r.member_id, memberName: r.member_id === null ? null : r.member_name, maskedPhone: r.member_id === null ? null : maskPhone(r.member_phone),
      saleId: r.sale_id, receiptNo: r.receipt_no, status: r.status, assigneeId: r.assignee_id, assigneeName: r.assignee_name,
      resolution: r.resolution, followUpOn: r.follow_up_on, satisfaction: r.satisfaction, resolvedAt: r.resolved_at, closedAt: r.closed_at,
      createdBy: r.created_by, createdByName: r.created_by_name, source: r.source,
      overdue: (r.status === 'open' || r.status === 'in_progress') && r.follow_up_on !== null && r.follow_up_on < day,
    };
  }

  function row(id: number, viewer?: Viewer): Row {
    const r = byId.get(id);
    // A cashier asking for someone else's complaint learns nothing about it.
    if (!r || (viewer && viewer.role === 'cashier' && r.created_by !== viewer.staffId)) throw new DomainError('not_found', { entity: 'complaint', id });
    return r;
  }

  function detail(id: number, viewer?: Viewer): ComplaintDetail {
    const r = row(id, viewer);
    return {
      ...view(r),
      timeline: events.all(id).map((e) => ({ id: e.id, at: e.at, staffId: e.staff_id, staffName: e.staff_name, kind: e.kind, from: e.from_value, to: e.to_value, note: e.note })),
    };
  }

  function requireLiveMember(memberId: number): void {
    const m = memberStatus.get(memberId);
    if (!m) throw new DomainError('not_found', { entity: 'member', id: memberId });
    if (m.status === 'erased' || m.status === 'merged') throw new DomainError('rule_violation', { rule: 'member_closed', status: m.status }, 'errors.member_closed');
  }

  return {
    detail,
    view,

    log(input: { channel: string; category: string; severity: Severity; description: string; memberId: number | null; saleId: number | null }, staffId: number): ComplaintDetail {
      if (!lists.codes('channels', true).has(input.channel)) throw new DomainError('bad_input', { field: 'channel', code: input.channel }, 'errors.complaint_channel_unknown');
      if (!lists.codes('categories', true).has(input.category)) throw new DomainError('bad_input', { field: 'category', code: input.category }, 'errors.complaint_category_unknown');
      const id = db.transaction(() => {
        let memberId = input.memberId;
        if (input.saleId !== null) {
          const sale = saleMember.get(input.saleId);
          if (!sale) throw new DomainError('not_found', { entity: 'sale', id: input.saleId });
          memberId ??= sale.member_id;
        }
        if (memberId !== null) requireLiveMember(memberId);
        const loggedAt = localDateTime(clock.now());
        const newId = Number(insert.run({ loggedAt, channel: input.channel, category: input.category, severity: input.severity, description: input.description, memberId, saleId: input.saleId, createdBy: staffId }).lastInsertRowid);
        addEvent.run(newId, loggedAt, staffId, 'logged', null, 'open', '');
        return newId;
      })();
      return detail(id);
    },

    list(filter: ComplaintFilter, offset: number, limit: number, viewer: Viewer) {
      const day = today();
      const { sql, params } = where(filter, viewer, day);
      const total = (db.prepare(`SELECT count(*) AS n FROM complaints c ${sql}`).get(params) as { n: number }).n;
      const rows = db.prepare(`${SELECT} ${sql} ORDER BY ${ORDER} LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as Row[];
      return { total, items: rows.map((r) => view(r, day)) };
    },

    get: (id: number, viewer: Viewer) => detail(id, viewer),

    update(input: { id: number; status?: ComplaintStatus | undefined; assigneeId?: number | null | undefined; note?: string | undefined; resolution?: string | undefined; followUpOn?: string | null | undefined; satisfaction?: number | null | undefined }, staffId: number): ComplaintDetail {
      db.transaction(() => {
        const before = row(input.id);
        const at = localDateTime(clock.now());
        const changes: Array<[ComplaintEvent['kind'], string | null, string | null, string]> = [];
        const next = {
          status: before.status, assignee: before.assignee_id, resolution: before.resolution, followUp: before.follow_up_on,
          satisfaction: before.satisfaction, resolvedAt: before.resolved_at, closedAt: before.closed_at,
        };
        if (input.assigneeId !== undefined && input.assigneeId !== before.assignee_id) {
          let name: string | null = null;
          if (input.assigneeId !== null) {
            const s = staffRow.get(input.assigneeId);
            if (!s || s.active !== 1) throw new DomainError('bad_input', { field: 'assigneeId', id: input.assigneeId }, 'errors.complaint_assignee_invalid');
            name = s.name;
          }
          next.assignee = input.assigneeId;
          changes.push(['assignee', before.assignee_name, name, '']);
        }
        if (input.resolution !== undefined && input.resolution !== before.resolution) {
          next.resolution = input.resolution;
          changes.push(['resolution', before.resolution || null, input.resolution || null, '']);
        }
        if (input.followUpOn !== undefined && input.followUpOn !== before.follow_up_on) {
          next.followUp = input.followUpOn;
          changes.push(['follow_up', before.follow_up_on, input.followUpOn, '']);
        }
        if (input.satisfaction !== undefined && input.satisfaction !== before.satisfaction) {
          next.satisfaction = input.satisfaction;
          changes.push(['satisfaction', before.satisfaction === null ? null : String(before.satisfaction), input.satisfaction === null ? null : String(input.satisfaction), '']);
        }
        if (input.status !== undefined && input.status !== before.status) {
          if (!canMove(before.status, input.status)) {
            throw new DomainError('rule_violation', { rule: 'complaint_bad_transition', from: before.status, to: input.status }, 'errors.complaint_bad_transition');
          }
          if (input.status === 'resolved' && next.resolution.trim() === '') {
            throw new DomainError('rule_violation', { rule: 'complaint_resolution_required' }, 'errors.complaint_resolution_required');
          }
          next.status = input.status;
          if (input.status === 'resolved') next.resolvedAt = at;
          if (input.status === 'closed') next.closedAt = at;
          if (input.status === 'in_progress') { next.resolvedAt = null; next.closedAt = null; } // reopened: the clock to resolve runs again
          changes.push(['status', before.status, input.status, '']);
        }
        if (input.note) changes.push(['note', null, null, input.note]);
        if (changes.length === 0) return;
        db.prepare(`UPDATE complaints SET status = @status, assignee_id = @assignee, resolution = @resolution, follow_up_on = @followUp,
            satisfaction = @satisfaction, resolved_at = @resolvedAt, closed_at = @closedAt, updated_at = @at WHERE id = @id`).run({ ...next, at, id: input.id });
        for (const [kind, from, to, note] of changes) addEvent.run(input.id, at, staffId, kind, from, to, note);
      })();
      return detail(input.id);
    },

    compensate(id: number, c: Compensation, reason: string, staffId: number): ComplaintDetail {
      db.transaction(() => {
        const r = row(id);
        if (r.status === 'closed') throw new DomainError('rule_violation', { rule: 'complaint_closed' }, 'errors.complaint_closed');
        if (r.member_id === null) throw new DomainError('rule_violation', { rule: 'complaint_no_member' }, 'errors.complaint_no_member');
        requireLiveMember(r.member_id);
        let what: string;
        switch (c.kind) {
          case 'points': compensation.points(r.member_id, c.points, staffId, reason, id); what = `points:${c.points}`; break;
          case 'stored_value': compensation.storedValue(r.member_id, c.fen, staffId, reason, id); what = `stored_value:${c.fen}`; break;
          case 'coupon': compensation.coupon(r.member_id, c.templateId, staffId, reason, id); what = `coupon:${c.templateId}`; break;
        }
        const at = localDateTime(clock.now());
        addEvent.run(id, at, staffId, 'compensation', null, what, reason);
        db.prepare('UPDATE complaints SET updated_at = ? WHERE id = ?').run(at, id);
        audit.record({ staffId, action: 'complaints.compensate', entity: 'complaint', entityId: id, details: { memberId: r.member_id, ...c, reason } });
      })();
      return detail(id);
    },

    /** Complaints per category per week (Monday-based, labelled by the Monday) or month, over [from, to]. */
    byCategory(from: string, to: string, bucket: 'week' | 'month') {
      if (from > to || daysBetween(from, to) > 3 * 366) throw new DomainError('bad_input', { field: 'to', rule: 'date_range' }, 'errors.date_range_invalid');
      const periodSql = bucket === 'month'
        ? 'substr(logged_at, 1, 7)'
        : "date(substr(logged_at, 1, 10), '-' || ((CAST(strftime('%w', substr(logged_at, 1, 10)) AS INTEGER) + 6) % 7) || ' days')";
      const rows = db.prepare(`SELECT ${periodSql} AS period, category, count(*) AS n FROM complaints
        WHERE logged_at >= @from AND logged_at < @toNext GROUP BY period, category`).all({ from, toNext: addDays(to, 1) }) as Array<{ period: string; category: string; n: number }>;
      const periods: Array<{ period: string; total: number; byCategory: Record<string, number> }> = [];
      if (bucket === 'month') {
        for (let p = from.slice(0, 7); p <= to.slice(0, 7); ) {
          periods.push({ period: p, total: 0, byCategory: {} });
          const [y, m] = p.split('-').map(Number) as [number, number];
          p = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
        }
      } else {
        for (let p = weekStart(from); p <= to; p = addDays(p, 7)) periods.push({ period: p, total: 0, byCategory: {} });
      }
      const at = new Map(periods.map((p) => [p.period, p]));
      const totals: Record<string, number> = {};
      let total = 0;
      for (const r of rows) {
        const p = at.get(r.period);
        if (!p) continue;
        p.byCategory[r.category] = (p.byCategory[r.category] ?? 0) + r.n;
        p.total += r.n;
        totals[r.category] = (totals[r.category] ?? 0) + r.n;
        total += r.n;
      }
      return { periods, totals, total };
    },
  };
}
export type ComplaintsService = ReturnType<typeof createComplaintsService>;
