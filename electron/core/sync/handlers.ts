import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import { localDateTime } from '../lib/clock.js';
import { DomainError } from '../lib/domain-error.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Handlers } from '../dispatch/dispatcher.js';
import type { SyncException } from '../../../shared/contract/sync.js';
import type { SyncService } from './sync-service.js';
import type { SpendGuard } from './spend-guard.js';
import type { OfflineCapsStore } from './offline-caps.js';
import { connectServer, ServerClientError } from './server-client.js';

type SyncMethods = 'sync.status' | 'sync.pair' | 'sync.exceptions' | 'sync.resolveException' | 'sync.offlineCaps' | 'sync.setOfflineCaps' | 'sync.exposure';

/** Settings › 多收银台: pairing with the shop server, the status chip, the exceptions list. */
export function syncHandlers(d: {
  db: Database; clock: Clock; audit: AuditLog; sync: SyncService; shopSetUp: () => boolean; pairTimeoutMs?: number; guard: SpendGuard; caps: OfflineCapsStore;
}): Pick<Handlers, SyncMethods> {
  return {
    'sync.offlineCaps': () => d.caps.get(),
    'sync.setOfflineCaps': (patch, ctx) => {
      const before = d.caps.get();
      const after = d.caps.set(patch);
      d.audit.record({ staffId: ctx.session!.staffId, action: 'sync.setOfflineCaps', details: { before, after } });
      return after;
    },
    'sync.exposure': () => d.guard.exposure(),
    'sync.status': () => d.sync.status(),
    'sync.pair': async ({ url, code, tillName }, ctx) => {
      if (d.sync.status().paired) throw new DomainError('conflict', { rule: 'already_paired' }, 'errors.sync_already_paired');
      const setUp = d.shopSetUp();
      if (setUp && !ctx.session) throw new DomainError('not_signed_in');
      if (setUp && ctx.session!.role !== 'owner') throw new DomainError('forbidden');
      const base = url.replace(/\/$/, '');
      const client = connectServer({ url: base, timeoutMs: d.pairTimeoutMs ?? 5000 });
      try {
        const answer = await client.pair(code, tillName);
        // A till with its own shop cannot join a shop that already has one: two sets of staff,
        // products and members would clash. A new till joins any shop; the first brings its own.
        const pinned = connectServer({ url: base, fingerprint: answer.fingerprint, token: answer.token, timeoutMs: d.pairTimeoutMs ?? 5000 });
        const head = await pinned.status().then((st) => st.head).finally(() => pinned.close());
        if (head > 0 && setUp) throw new DomainError('conflict', { rule: 'till_has_own_shop' }, 'errors.sync_till_has_own_shop');
        d.sync.enable({ ...answer, url: base, tillName });
        d.audit.record({ staffId: ctx.session?.staffId ?? null, action: 'sync.pair', details: { url: base, tillCode: answer.tillCode, fingerprint: answer.fingerprint } });
        d.sync.start();
        return d.sync.status();
      } catch (err) {
        if (err instanceof ServerClientError) {
          if (err.code === 'pairing_refused') throw new DomainError('rule_violation', { rule: 'pairing_refused' }, 'errors.sync_pairing_refused');
          if (err.code === 'pinning') throw new DomainError('rule_violation', { rule: 'pinning' }, 'errors.sync_pinning');
          throw new DomainError('rule_violation', { rule: 'server_unreachable', reason: err.code }, 'errors.sync_unreachable');
        }
        throw err;
      } finally {
        client.close();
      }
    },
    'sync.exceptions': ({ limit }) => ({
      items: (d.db.prepare('SELECT id, at, kind, tbl, reason, details FROM sync_exceptions WHERE resolved_at IS NULL ORDER BY id DESC LIMIT ?').all(limit) as Array<{ id: number; at: string; kind: SyncException['kind']; tbl: string | null; reason: string; details: string }>)
        .map((r) => ({ id: r.id, at: r.at, kind: r.kind, table: r.tbl, reason: r.reason, details: JSON.parse(r.details) as Record<string, unknown> })),
    }),
    'sync.resolveException': ({ id }, ctx) => {
      const r = d.db.prepare('UPDATE sync_exceptions SET resolved_at = ?, resolved_by = ? WHERE id = ? AND resolved_at IS NULL').run(localDateTime(d.clock.now()), ctx.session!.staffId, id);
      if (r.changes === 0) throw new DomainError('not_found', { entity: 'sync_exception' });
      d.audit.record({ staffId: ctx.session!.staffId, action: 'sync.resolveException', entity: 'sync_exception', entityId: id });
      return {};
    },
  };
}
