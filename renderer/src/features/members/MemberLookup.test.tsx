// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { Envelope } from '../../../../shared/contract/index.js';
import { setTransport } from '../../api/client.js';
import { createI18n } from '../../i18n/index.js';
import { MemberLookup } from './MemberLookup.js';

const i18n = createI18n('zh-CN');

const card = (id: number, name: string, maskedPhone: string) => ({
  id, cardNo: `29000000000${id}`, maskedPhone, name, status: 'active', tier: { id: 1, name: '普通会员', rank: 0, pricePct: 100, pointsPct: 100, birthdayPerk: '' },
  birthdaySoon: false, birthdayToday: false, points: 10, storedValueFen: 0, spendFen: 1234, visits: 1, lastVisit: null,
});

function fakeFind(by: string, members: unknown[], remote?: string) {
  const calls: Envelope[] = [];
  setTransport({
    kind: 'http',
    invoke: vi.fn(async (e: Envelope) => {
      calls.push(e);
      return { ok: true as const, value: { by, members, ...(remote ? { remote } : {}) } };
    }),
    on: () => () => undefined,
  });
  return calls;
}

afterEach(() => {
  cleanup();
  setTransport(null);
});

describe('MemberLookup', () => {
  it('lists members found by the last four digits with masked phones, and picks one', async () => {
    const calls = fakeFind('last4', [card(1, '王芳', '138****5678'), card(2, '', '139****5678')]);
    const onPick = vi.fn();
    render(
      <I18nextProvider i18n={i18n}>
        <MemberLookup onPick={onPick} autoPickExact />
      </I18nextProvider>,
    );
    const box = screen.getByRole('searchbox', { name: '查询会员' });
    fireEvent.change(box, { target: { value: '5678' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    await screen.findByText('找到 2 位会员');
    expect(calls[0]).toMatchObject({ method: 'members.find', input: { query: '5678', limit: 20 } });
    const results = screen.getByRole('list', { name: '查询结果' });
    expect(results.textContent).toContain('138****5678');
    expect(results.textContent).toContain('（未填姓名）');
    fireEvent.click(screen.getByRole('button', { name: /王芳/ }));
    expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ id: 1 }));
  });

  it('opens the one member a full phone or a card scan names, at once', async () => {
    fakeFind('card', [card(3, '李强', '137****0001')]);
    const onPick = vi.fn();
    render(
      <I18nextProvider i18n={i18n}>
        <MemberLookup onPick={onPick} autoPickExact />
      </I18nextProvider>,
    );
    const box = screen.getByRole('searchbox', { name: '查询会员' });
    fireEvent.change(box, { target: { value: '2900000000003' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    await waitFor(() => expect(onPick).toHaveBeenCalledWith(expect.objectContaining({ id: 3 })));
    expect((box as HTMLInputElement).value).toBe('');
  });

  it('says when nobody is found and offers to enrol the typed phone', async () => {
    fakeFind('phone', []);
    const onEnrol = vi.fn();
    render(
      <I18nextProvider i18n={i18n}>
        <MemberLookup onPick={() => undefined} onEnrol={onEnrol} />
      </I18nextProvider>,
    );
    const box = screen.getByRole('searchbox', { name: '查询会员' });
    fireEvent.change(box, { target: { value: '139 1234 5678' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    await screen.findByText('没有找到“139 1234 5678”对应的会员。');
    fireEvent.click(screen.getByRole('button', { name: '用 13912345678 快速开卡' }));
    expect(onEnrol).toHaveBeenCalledWith('13912345678');
  });

  it('at a branch till offline, says a member never seen here cannot be found until the till is online', async () => {
    fakeFind('phone', [], 'offline');
    render(
      <I18nextProvider i18n={i18n}>
        <MemberLookup onPick={vi.fn()} />
      </I18nextProvider>,
    );
    const box = screen.getByRole('searchbox', { name: '查询会员' });
    fireEvent.change(box, { target: { value: '13700137999' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('离线中：这位会员没有来过本店，本机没有他的资料。联网后再查，或先按非会员结账。'));
  });
});
