import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import type { AuditLog } from '../audit/audit-log.js';
import { readCsv, type CsvRow, type CsvTextColumns } from '../csv/read-csv.js';
import { parseLocalDateTime } from '../members/members-csv.js';
import { normalizeMobile } from '../../../shared/phone.js';
import { COMPLAINT_STATUSES, SEVERITIES } from '../../../shared/contract/complaints.js';
import type { ImportReport } from '../../../shared/contract/catalogue.js';
import { createComplaintLists } from './lists.js';

export const COMPLAINT_CSV_HEADER = ['logged_at', 'member_phone', 'channel', 'category', 'severity', 'description', 'status', 'resolved_at'] as const;
export const FEEDBACK_CSV_HEADER = ['answered_at', 'member_phone', 'score', 'comment'] as const;

type Fail = (reason: string, details?: Record<string, unknown>) => void;

/** Runs the per-row checks of an import; good rows go in together, bad rows are reported by line. */
function runImport(db: Database, bytes: Uint8Array, header: readonly string[], text: CsvTextColumns, each: (row: CsvRow, fail: Fail) => boolean, done: (report: ImportReport) => void): ImportReport {
  const parsed = readCsv(bytes, header, text);
  if (!parsed.ok) return { imported: 0, updated: 0, errors: [{ line: parsed.line ?? 0, reason: parsed.reason, details: { message: parsed.message } }] };
  const report: ImportReport = { imported: 0, updated: 0, errors: [] };
  db.transaction(() => {
    for (const row of parsed.rows) {
      const fail: Fail = (reason, details) => { report.errors.push({ line: row.line, reason, ...(details ? { details } : {}) }); };
      if (row.values.__columns) { fail('column_count', { columns: Number(row.values.__columns) }); continue; }
      if (each(row, fail)) report.imported += 1;
    }
    done(report);
  })();
  return report;
}

/** The member a row's `member_phone` names: null when empty, undefined (after reporting) when wrong. */
function memberFor(db: Database, text: string, fail: Fail): number | null | undefined {
  if (text === '') return null;
  const phone = normalizeMobile(text);
  if (!phone) { fail('member_phone', { value: text }); return undefined; }
  const m = db.prepare<[string], { id: number }>('SELECT id FROM members WHERE phone = ?').get(phone);
  if (!m) { fail('member_not_found', { value: text }); return undefined; }
  return m.id;
}

/**
 * Complaint history from CSV `logged_at,member_phone,channel,category,severity,description,status,resolved_at`
 * (UTF-8 with or without BOM, or GBK). Codes are the stable ones of the shop's lists; resolved_at
 * is required for resolved/closed rows and must be empty otherwise. A row identical to a complaint
 * already stored (same time, member and text) is reported as `duplicate`, so importing a file twice
 * adds nothing.
 */
export function importComplaintsCsv(db: Database, clock: Clock, audit: AuditLog, bytes: Uint8Array, staffId: number | null): ImportReport {
  const lists = createComplaintLists(db, audit);
  const channels = lists.codes('channels', false);
  const categories = lists.codes('categories', false);
  const now = localDateTime(clock.now());
  const exists = db.prepare<[string, string, number | null], { id: number }>('SELECT id FROM complaints WHERE logged_at = ? AND description = ? AND member_id IS ?');
  const insert = db.prepare(`INSERT INTO complaints (logged_at, channel, category, severity, description, member_id, status, resolved_at, closed_at, created_by, source, updated_at)
    VALUES (@loggedAt, @channel, @category, @severity, @description, @memberId, @status, @resolvedAt, @closedAt, @staffId, 'import', @now)`);
  const event = db.prepare("INSERT INTO complaint_events (complaint_id, at, staff_id, kind, from_value, to_value, note) VALUES (?, ?, ?, 'imported', NULL, ?, ?)");

  return runImport(db, bytes, COMPLAINT_CSV_HEADER, { description: 'text' }, ({ line, values: v }, fail) => {
    const loggedAt = parseLocalDateTime(v.logged_at ?? '');
    if (!loggedAt) { fail('logged_at', { value: v.logged_at }); return false; }
    if (loggedAt > now) { fail('logged_at', { value: v.logged_at, rule: 'future' }); return false; }
    const memberId = memberFor(db, v.member_phone ?? '', fail);
    if (memberId === undefined) return false;
    const channel = v.channel ?? '';
    if (!channels.has(channel)) { fail('channel', { value: channel }); return false; }
    const category = v.category ?? '';
    if (!categories.has(category)) { fail('category', { value: category }); return false; }
    const severity = v.severity ?? '';
    if (!(SEVERITIES as readonly string[]).includes(severity)) { fail('severity', { value: severity }); return false; }
    const description = v.description ?? '';
    if (description === '' || description.length > 500) { fail('description'); return false; }
    const status = v.status || 'open';
    if (!(COMPLAINT_STATUSES as readonly string[]).includes(status)) { fail('status', { value: v.status }); return false; }
    const done = status === 'resolved' || status === 'closed';
    let resolvedAt: string | null = null;
    if (done) {
      resolvedAt = parseLocalDateTime(v.resolved_at ?? '');
      if (!resolvedAt || resolvedAt < loggedAt || resolvedAt > now) { fail('resolved_at', { value: v.resolved_at, status }); return false; }
    } else if (v.resolved_at) { fail('resolved_at', { value: v.resolved_at, status, rule: 'unresolved_has_resolved_at' }); return false; }
    if (exists.get(loggedAt, description, memberId)) { fail('duplicate'); return false; }
    const id = Number(insert.run({
      loggedAt, channel, category, severity, description, memberId, status, resolvedAt, closedAt: status === 'closed' ? resolvedAt : null, staffId, now,
    }).lastInsertRowid);
    event.run(id, now, staffId, status, `line ${line}`);
    return true;
  }, (report) => {
    audit.record({ staffId, action: 'complaints.import', details: { imported: report.imported, errors: report.errors.length } });
  });
}

/**
 * Satisfaction history from CSV `answered_at,member_phone,score,comment` (UTF-8 or GBK).
 * Score is a whole number 0–10. A row identical to an answer already stored is a `duplicate`.
 */
export function importFeedbackCsv(db: Database, clock: Clock, audit: AuditLog, bytes: Uint8Array, staffId: number | null): ImportReport {
  const now = localDateTime(clock.now());
  const exists = db.prepare<[string, number | null, number, string], { id: number }>('SELECT id FROM feedback WHERE answered_at = ? AND member_id IS ? AND score = ? AND comment = ?');
  const insert = db.prepare("INSERT INTO feedback (answered_at, score, comment, member_id, staff_id, source) VALUES (?, ?, ?, ?, ?, 'import')");
  return runImport(db, bytes, FEEDBACK_CSV_HEADER, { comment: 'text' }, ({ values: v }, fail) => {
    const answeredAt = parseLocalDateTime(v.answered_at ?? '');
    if (!answeredAt) { fail('answered_at', { value: v.answered_at }); return false; }
    if (answeredAt > now) { fail('answered_at', { value: v.answered_at, rule: 'future' }); return false; }
    const memberId = memberFor(db, v.member_phone ?? '', fail);
    if (memberId === undefined) return false;
    const score = /^\d{1,2}$/.test(v.score ?? '') ? Number(v.score) : -1;
    if (score < 0 || score > 10) { fail('score', { value: v.score }); return false; }
    const comment = v.comment ?? '';
    if (comment.length > 500) { fail('comment'); return false; }
    if (exists.get(answeredAt, memberId, score, comment)) { fail('duplicate'); return false; }
    insert.run(answeredAt, score, comment, memberId, staffId);
    return true;
  }, (report) => {
    audit.record({ staffId, action: 'feedback.import', details: { imported: report.imported, errors: report.errors.length } });
  });
}
