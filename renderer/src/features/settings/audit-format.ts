import type { AuditEntry } from '../../../../shared/contract/system.js';

const MAX_DETAILS = 160;

function short(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * One line for an audit entry's details: `key: value` pairs; a before/after pair shows only
 * what changed (`role: cashier → manager`). Long lines are cut; the full JSON goes in a tooltip.
 */
export function summarizeDetails(details: AuditEntry['details']): { text: string; full: string } {
  if (!details) return { text: '', full: '' };
  const full = JSON.stringify(details);
  const parts: string[] = [];
  const before = details.before;
  const after = details.after;
  if (before && after && typeof before === 'object' && typeof after === 'object') {
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
      if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) parts.push(`${key}: ${short(b[key])} → ${short(a[key])}`);
    }
    for (const [k, v] of Object.entries(details)) if (k !== 'before' && k !== 'after') parts.push(`${k}: ${short(v)}`);
  } else {
    for (const [k, v] of Object.entries(details)) parts.push(`${k}: ${short(v)}`);
  }
  let text = parts.join('; ');
  if (text.length > MAX_DETAILS) text = `${text.slice(0, MAX_DETAILS - 1)}…`;
  return { text, full };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
