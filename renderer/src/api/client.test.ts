// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/errors.js';
import { useSession } from '../stores/session.js';
import { useNotices } from '../stores/notices.js';
import { invoke, setTransport } from './client.js';
import type { Transport } from './transport.js';

function fakeTransport(answer: Result<unknown>) {
  const calls: unknown[] = [];
  const t: Transport = {
    kind: 'http',
    invoke: vi.fn(async (e) => {
      calls.push(e);
      return answer;
    }),
    on: () => () => undefined,
  };
  return { t, calls };
}

beforeEach(() => {
  useSession.getState().clear();
  useNotices.getState().clear();
});

describe('invoke', () => {
  it('sends the method, the input and the session token', async () => {
    useSession.getState().signedIn('tok-1', { id: 1, name: '陈', role: 'owner' });
    const { t, calls } = fakeTransport({ ok: true, value: { staff: [] } });
    setTransport(t);
    const r = await invoke('staff.list', {});
    expect(r).toEqual({ ok: true, value: { staff: [] } });
    expect(calls).toEqual([{ method: 'staff.list', input: {}, session: 'tok-1' }]);
  });

  it('sends a null session before sign-in', async () => {
    const { t, calls } = fakeTransport({ ok: true, value: {} });
    setTransport(t);
    await invoke('shop.status', {});
    expect(calls[0]).toMatchObject({ session: null });
  });

  it('announces failures in the message region, unless quiet', async () => {
    setTransport(fakeTransport({ ok: false, error: { code: 'forbidden', messageKey: 'errors.forbidden' } }).t);
    await invoke('staff.list', {});
    expect(useNotices.getState().items).toMatchObject([{ kind: 'error', error: { code: 'forbidden' } }]);
    useNotices.getState().clear();
    await invoke('staff.list', {}, { quiet: true });
    expect(useNotices.getState().items).toEqual([]);
  });

  it('not_signed_in ends the local session (back to sign-in)', async () => {
    useSession.getState().signedIn('stale', { id: 1, name: '陈', role: 'owner' });
    setTransport(fakeTransport({ ok: false, error: { code: 'not_signed_in', messageKey: 'errors.not_signed_in' } }).t);
    await invoke('auth.me', {});
    expect(useSession.getState().token).toBeNull();
    expect(useNotices.getState().items).toHaveLength(1);
  });

  it('session_locked shows the lock screen without a message', async () => {
    useSession.getState().signedIn('tok', { id: 1, name: '陈', role: 'owner' });
    setTransport(fakeTransport({ ok: false, error: { code: 'session_locked', messageKey: 'errors.session_locked' } }).t);
    await invoke('staff.list', {});
    expect(useSession.getState().locked).toBe(true);
    expect(useSession.getState().token).toBe('tok');
    expect(useNotices.getState().items).toEqual([]);
  });

  it('without a transport answers a network error', async () => {
    setTransport(null);
    const r = await invoke('shop.status', {}, { quiet: true });
    expect(r).toMatchObject({ ok: false, error: { messageKey: 'errors.network' } });
  });

  it('keeps the session in sessionStorage so a reload keeps the sign-in', () => {
    useSession.getState().signedIn('tok-9', { id: 3, name: '张', role: 'cashier' });
    const stored = JSON.parse(sessionStorage.getItem('pos.session')!) as { state: { token: string } };
    expect(stored.state.token).toBe('tok-9');
  });
});
