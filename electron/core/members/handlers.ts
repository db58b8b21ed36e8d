import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { MembersService } from './members-service.js';
import type { Tiers } from './tiers.js';
import type { Database } from '../db/open.js';
import type { MembersCsv } from './members-csv.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { PrintQueue } from '../print/print-queue.js';
import { listMembers } from './members-list.js';
import { DomainError } from '../lib/domain-error.js';

type MemberMethods =
  | 'members.find' | 'members.card' | 'members.profile' | 'members.revealPhone' | 'members.update'
  | 'members.setStatus' | 'members.list' | 'members.history' | 'members.tags'
  | 'members.printCard' | 'members.importCsv' | 'members.exportCsv' | 'tiers.list' | 'tiers.save' | 'tiers.reevaluate';

/**
 * The member calls that need nothing above members. Enrolling (with its points bonus),
 * merging, erasing and buying a tier also move points, stored value or take a sale: they
 * are membership/handlers.ts, above rewards and checkout.
 */
export function memberHandlers(db: Database, members: MembersService, tiers: Tiers, csv: MembersCsv, audit: AuditLog, print: PrintQueue): PartialHandlers<MemberMethods> {
  return {
    'members.find': ({ query, limit }) => members.find(query, limit),
    'members.card': ({ id }) => members.card(id),
    'members.profile': ({ id }) => members.profile(id),
    'members.printCard': ({ id }) => {
      members.card(id);
      const printJobId = print.enqueue('member_card', id);
      if (printJobId === null) throw new DomainError('rule_violation', { rule: 'printer_not_configured' }, 'errors.printer_not_configured');
      void print.kick();
      return { printJobId };
    },
    'members.revealPhone': ({ id }, ctx) => ({ phone: members.revealPhone(id, ctx.session!.staffId) }),
    'members.update': (input, ctx) => {
      // Cashiers fix names and tags at the counter; changing the phone (the member's key) is a manager's call.
      if (input.phone !== undefined && ctx.session!.role === 'cashier') throw new DomainError('forbidden', { needs: 'manager', field: 'phone' });
      return members.update(input, ctx.session!.staffId);
    },
    'members.setStatus': ({ id, status, reason }, ctx) => members.setStatus(id, status, reason, ctx.session!.staffId),
    'members.list': ({ filter, offset, limit }) => listMembers(db, filter, offset, limit),
    'members.history': ({ id, offset, limit }) => members.history(id, offset, limit),
    'members.tags': () => members.tags(),
    'members.importCsv': ({ fileBase64 }, ctx) => csv.importCsv(Buffer.from(fileBase64, 'base64'), ctx.session!.staffId),
    // Exporting every member's phone is an owner's act and is audited.
    'members.exportCsv': (_input, ctx) => {
      const out = csv.exportCsv();
      audit.record({ staffId: ctx.session!.staffId, action: 'members.export', details: { rows: out.rows } });
      return out;
    },
    'tiers.list': () => tiers.list(),
    'tiers.save': (input, ctx) => tiers.save(input, ctx.session!.staffId),
    'tiers.reevaluate': () => tiers.reevaluateAll(),
  };
}
