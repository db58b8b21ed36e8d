// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { defaultCounterSettings } from '../../../../shared/contract/counter.js';
import type { Envelope } from '../../../../shared/contract/index.js';
import { setTransport } from '../../api/client.js';
import { createI18n } from '../../i18n/index.js';
import { CounterSettingsPanel } from './CounterSettings.js';

const i18n = createI18n('zh-CN');

/** The core behind the desktop bridge or the browser host, faked: its open dialog answers `picked`. */
function fakeCore(kind: 'bridge' | 'http', picked: string | null) {
  const calls: Envelope[] = [];
  setTransport({
    kind,
    invoke: vi.fn(async (e: Envelope) => {
      calls.push(e);
      if (e.method === 'counter.settings') return { ok: true as const, value: defaultCounterSettings };
      if (e.method === 'counter.pickPath') return { ok: true as const, value: { path: picked } };
      return { ok: true as const, value: [] };
    }),
    on: () => () => undefined,
  });
  return calls;
}

afterEach(() => {
  cleanup();
  setTransport(null);
});

describe('the display settings’ paths', () => {
  it('in the desktop app, 选择… fills the pictures folder from the open dialog and gives focus back to the field', async () => {
    const calls = fakeCore('bridge', '/home/shop/图片');
    render(<I18nextProvider i18n={i18n}><CounterSettingsPanel ports={[]} /></I18nextProvider>);
    fireEvent.click(await screen.findByRole('button', { name: '选择图片文件夹' }));
    const field = screen.getByRole('textbox', { name: /图片文件夹/ });
    await vi.waitFor(() => expect((field as HTMLInputElement).value).toBe('/home/shop/图片'));
    await vi.waitFor(() => expect(document.activeElement).toBe(field));
    expect(calls.filter((c) => c.method === 'counter.pickPath').map((c) => c.input)).toEqual([{ kind: 'folder' }]);
    // Nothing is saved by picking.
    expect(calls.some((c) => c.method === 'counter.setSettings')).toBe(false);
  });

  it('a cancelled dialog leaves the 收款码 path as it was', async () => {
    fakeCore('bridge', null);
    render(<I18nextProvider i18n={i18n}><CounterSettingsPanel ports={[]} /></I18nextProvider>);
    const field = await screen.findByRole('textbox', { name: /收款码/ });
    fireEvent.change(field, { target: { value: '/srv/pay.png' } });
    fireEvent.click(screen.getByRole('button', { name: '选择收款码图片' }));
    await vi.waitFor(() => expect(document.activeElement).toBe(field));
    expect((field as HTMLInputElement).value).toBe('/srv/pay.png');
  });

  it('in the browser there is no 选择…: the path is typed', async () => {
    fakeCore('http', '/never');
    render(<I18nextProvider i18n={i18n}><CounterSettingsPanel ports={[]} /></I18nextProvider>);
    await screen.findByRole('textbox', { name: /图片文件夹/ });
    expect(screen.queryByRole('button', { name: '选择图片文件夹' })).toBeNull();
    expect(screen.queryByRole('button', { name: '选择收款码图片' })).toBeNull();
  });
});
