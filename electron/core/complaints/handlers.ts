import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { complaintsContract } from '../../../shared/contract/complaints.js';
import type { ComplaintsService } from './complaints-service.js';
import type { FeedbackService } from './feedback-service.js';
import type { ComplaintListsService } from './lists.js';
import { importComplaintsCsv, importFeedbackCsv } from './complaints-csv.js';
import { caller, decodeUpload, type ContractHandlers } from './handler-types.js';

export interface ComplaintHandlerDeps {
  db: Database;
  clock: Clock;
  audit: AuditLog;
  complaints: ComplaintsService;
  feedback: FeedbackService;
  lists: ComplaintListsService;
}

export function complaintHandlers(d: ComplaintHandlerDeps): ContractHandlers<typeof complaintsContract> {
  return {
    'complaints.log': (input, ctx) => d.complaints.log(input, caller(ctx).staffId),
    // Cashiers see the complaints they logged; managers and owners see all.
    'complaints.list': ({ filter, offset, limit }, ctx) => d.complaints.list(filter, offset, limit, caller(ctx)),
    'complaints.get': ({ id }, ctx) => d.complaints.get(id, caller(ctx)),
    'complaints.update': (input, ctx) => d.complaints.update(input, caller(ctx).staffId),
    'complaints.compensate': ({ id, compensation, reason }, ctx) => d.complaints.compensate(id, compensation, reason, caller(ctx).staffId),
    'complaints.settings': () => d.lists.get(),
    'complaints.setSettings': (input, ctx) => d.lists.set(input, caller(ctx).staffId),
    'complaints.byCategory': ({ from, to, bucket }) => d.complaints.byCategory(from, to, bucket),
    'complaints.importCsv': ({ fileBase64 }, ctx) => importComplaintsCsv(d.db, d.clock, d.audit, decodeUpload(fileBase64), caller(ctx).staffId),
    'feedback.record': (input, ctx) => d.feedback.record(input, caller(ctx).staffId),
    'feedback.list': (input) => d.feedback.list(input),
    'feedback.importCsv': ({ fileBase64 }, ctx) => importFeedbackCsv(d.db, d.clock, d.audit, decodeUpload(fileBase64), caller(ctx).staffId),
  };
}
