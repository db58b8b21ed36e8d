import type { SyncTransport } from './sync-service.js';
import { connectServer } from './server-client.js';

/** The pinned-HTTPS transport to the shop server, with the till's token. */
export function connectTill(p: { url: string; fingerprint: string; token: string }): SyncTransport {
  const client = connectServer({ url: p.url, fingerprint: p.fingerprint, token: p.token });
  return {
    push: (items) => client.push(items),
    feed: (after, limit, waitMs, waiting) => client.feed(after, limit, waitMs, waiting),
    authorise: (request) => client.authorise(request),
    release: (clientRef) => client.release(clientRef),
    lookupMember: (request) => client.lookupMember(request),
    close: () => client.close(),
  };
}
