// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { Envelope } from '../../../../shared/contract/index.js';
import type { Result } from '../../../../shared/errors.js';
import { setTransport } from '../../api/client.js';
import { createI18n } from '../../i18n/index.js';
import { useApp } from '../../stores/app.js';
import { useNotices } from '../../stores/notices.js';
import { JOIN_GIVE_UP_MS, JOIN_SLOW_MS, JoinShop } from './JoinShop.js';

const i18n = createI18n('zh-CN');

const PAIRED = { paired: true, online: true, tillCode: 'T2', tillName: '收银台 2', serverUrl: 'https://192.168.1.10:8443', backlog: 0, exceptions: 0, lastContact: null, feedStopped: false };
const status = (setUp: boolean) => ({ setUp, shopName: setUp ? '街角小超市' : '', locale: 'zh-CN', demo: false, demoPins: [], version: '0.1.0' });
const refused = (messageKey: string, rule: string): Result<unknown> => ({ ok: false, error: { code: 'rule_violation', details: { rule }, messageKey } });

/** A core that answers sync.pair with `pair` and shop.status from `setUp` (read at each call). */
function fakeCore(pair: Result<unknown>, setUp: () => boolean) {
  const calls: Envelope[] = [];
  setTransport({
    kind: 'http',
    invoke: vi.fn(async (e: Envelope) => {
      calls.push(e);
      if (e.method === 'sync.pair') return pair;
      if (e.method === 'shop.status') return { ok: true as const, value: status(setUp()) };
      throw new Error(`unexpected ${e.method}`);
    }),
    on: () => () => undefined,
  });
  return calls;
}

function renderJoin(onBack = vi.fn()) {
  render(
    <I18nextProvider i18n={i18n}>
      <JoinShop onBack={onBack} />
    </I18nextProvider>,
  );
  return {
    form: screen.getByRole('form', { name: '加入店铺服务器' }),
    url: screen.getByLabelText<HTMLInputElement>('服务器地址'),
    code: screen.getByLabelText<HTMLInputElement>('配对码'),
    name: screen.getByLabelText<HTMLInputElement>('收银台名称'),
  };
}

function fill(f: ReturnType<typeof renderJoin>, v: { url: string; code: string; name: string }) {
  fireEvent.change(f.url, { target: { value: v.url } });
  fireEvent.change(f.code, { target: { value: v.code } });
  fireEvent.change(f.name, { target: { value: v.name } });
}

beforeEach(() => {
  useApp.setState({ status: null });
  useNotices.getState().clear();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  setTransport(null);
});

describe('JoinShop (first run on a second till)', () => {
  it('starts at the address; an empty form says so next to each field, focus on the first', async () => {
    const calls = fakeCore({ ok: true, value: PAIRED }, () => false);
    const f = renderJoin();
    expect(document.activeElement).toBe(f.url);
    fireEvent.submit(f.form);
    await waitFor(() => expect(f.url.getAttribute('aria-invalid')).toBe('true'));
    expect(f.url.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(f.url.getAttribute('aria-describedby')!.split(' ').at(-1)!)?.textContent).toContain('请填写此项');
    expect(f.code.getAttribute('aria-invalid')).toBe('true');
    expect(f.name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(f.url);
    expect(calls).toEqual([]);
  });

  it('pairs with what was typed, tidied; says it joined; waits for the shop, then hands over to sign-in', async () => {
    let arrived = false;
    const calls = fakeCore({ ok: true, value: PAIRED }, () => arrived);
    const f = renderJoin();
    fill(f, { url: '192.168.1.10:8443', code: 'abcd efgh jkmn', name: '收银台 2' });
    fireEvent.submit(f.form);
    const msg = await screen.findByRole('status');
    expect(msg.textContent).toBe('已加入店铺服务器，本机为 T2，正在接收店里的资料…');
    expect(calls[0]).toMatchObject({ method: 'sync.pair', input: { url: 'https://192.168.1.10:8443', code: 'ABCD-EFGH-JKMN', tillName: '收银台 2' } });
    await waitFor(() => expect(calls.filter((c) => c.method === 'shop.status').length).toBeGreaterThanOrEqual(2));
    expect(useApp.getState().status).toBeNull();
    arrived = true;
    await waitFor(() => expect(useApp.getState().status?.setUp).toBe(true), { timeout: 2000 });
    expect(useNotices.getState().items.map((n) => (n.kind === 'success' ? n.key : n.error.code))).toEqual(['onboarding.join.arrived']);
  });

  it('shows a wrong code at the code field, with the core\'s message, and announces it', async () => {
    fakeCore(refused('errors.sync_pairing_refused', 'pairing_refused'), () => false);
    const f = renderJoin();
    fill(f, { url: 'https://192.168.1.10:8443', code: 'ABCD-EFGH-JKMN', name: '收银台 2' });
    fireEvent.submit(f.form);
    await waitFor(() => expect(f.code.getAttribute('aria-invalid')).toBe('true'));
    const described = f.code.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent).join(' ');
    expect(described).toContain('配对码不对、已用过或已过期');
    expect(document.activeElement).toBe(f.code);
    expect(f.url.getAttribute('aria-invalid')).toBe('false');
    expect(useNotices.getState().items).toMatchObject([{ kind: 'error', error: { messageKey: 'errors.sync_pairing_refused' } }]);
  });

  it('shows a refusal about the till itself under the form', async () => {
    fakeCore({ ok: false, error: { code: 'conflict', details: { rule: 'till_has_own_shop' }, messageKey: 'errors.sync_till_has_own_shop' } }, () => false);
    const f = renderJoin();
    fill(f, { url: 'https://192.168.1.10:8443', code: 'ABCD-EFGH-JKMN', name: '收银台 2' });
    fireEvent.submit(f.form);
    await waitFor(() => expect(f.form.getAttribute('aria-describedby')).toBeTruthy());
    expect(document.getElementById(f.form.getAttribute('aria-describedby')!)?.textContent).toContain('这台收银台已有自己的店铺数据');
    expect(document.activeElement).toBe(f.url);
  });

  it('a till joined before (closed while the shop was arriving) goes straight to waiting', async () => {
    fakeCore({ ok: false, error: { code: 'conflict', details: { rule: 'already_paired' }, messageKey: 'errors.sync_already_paired' } }, () => false);
    const f = renderJoin();
    fill(f, { url: 'https://192.168.1.10:8443', code: 'ABCD-EFGH-JKMN', name: '收银台 2' });
    fireEvent.submit(f.form);
    expect((await screen.findByRole('status')).textContent).toBe('这台收银台已经加入了店铺服务器，正在接收店里的资料…');
    expect(useNotices.getState().items).toEqual([]);
  });

  it('says when it takes long, stops asking after a while, and waits again on request', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const calls = fakeCore({ ok: true, value: PAIRED }, () => false);
    const f = renderJoin();
    fill(f, { url: 'https://192.168.1.10:8443', code: 'ABCD-EFGH-JKMN', name: '收银台 2' });
    fireEvent.submit(f.form);
    await screen.findByRole('status');
    await act(async () => { await vi.advanceTimersByTimeAsync(JOIN_SLOW_MS + 1000); });
    expect(screen.getByText(/比平时慢一些，仍在接收/)).toBeTruthy();
    await act(async () => { await vi.advanceTimersByTimeAsync(JOIN_GIVE_UP_MS); });
    expect(screen.getByRole('alert').textContent).toContain('还没收到店里的资料');
    const asked = calls.length;
    await act(async () => { await vi.advanceTimersByTimeAsync(5000); });
    expect(calls.length).toBe(asked);
    fireEvent.click(screen.getByRole('button', { name: '继续等待' }));
    await act(async () => { await vi.advanceTimersByTimeAsync(1000); });
    expect(calls.length).toBeGreaterThan(asked);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('goes back to creating a shop', () => {
    fakeCore({ ok: true, value: PAIRED }, () => false);
    const onBack = vi.fn();
    renderJoin(onBack);
    fireEvent.click(screen.getByRole('button', { name: '返回，新建店铺' }));
    expect(onBack).toHaveBeenCalled();
  });
});
