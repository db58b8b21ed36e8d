import { createHash, randomBytes } from 'node:crypto';

/** How long a ticket may wait to be used: enough for the page to open its EventSource. */
export const EVENT_TICKET_TTL_MS = 30_000;
/** Only a page holding the secret can ask for tickets; this bounds what a runaway one can pile up. */
const MAX_LIVE = 64;

/**
 * Single-use tickets for the event stream. EventSource cannot send headers, so whatever
 * authenticates it travels in the URL, where it can end up in logs, history or a proxy:
 * the page trades its secret (in a header) for a ticket that opens one stream, once,
 * within 30 s, and is worthless after. Kept as SHA-256 digests so looking one up takes
 * no time that depends on how much of a guess matches.
 */
export function eventTickets(ttlMs = EVENT_TICKET_TTL_MS) {
  const live = new Map<string, number>(); // digest → expires at (ms since epoch)
  const digest = (ticket: string) => createHash('sha256').update(ticket).digest('base64url');
  const sweep = (now: number) => {
    for (const [key, expires] of live) if (expires <= now) live.delete(key);
  };
  return {
    issue(): string {
      const now = Date.now();
      sweep(now);
      // Maps keep insertion order: the first key is the oldest ticket.
      if (live.size >= MAX_LIVE) live.delete(live.keys().next().value!);
      const ticket = randomBytes(24).toString('base64url');
      live.set(digest(ticket), now + ttlMs);
      return ticket;
    },
    /** True once for a ticket issued less than the lifetime ago; it is spent either way. */
    redeem(ticket: string | null): boolean {
      if (!ticket) return false;
      const key = digest(ticket);
      const expires = live.get(key);
      live.delete(key);
      return expires !== undefined && expires > Date.now();
    },
  };
}
