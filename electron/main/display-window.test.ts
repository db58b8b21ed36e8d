import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions, Display } from 'electron';
import { defaultCounterSettings } from '../../shared/contract/counter.js';
import { createDisplayWindows, pickDisplay } from './display-window.js';

vi.mock('electron', () => {
  throw new Error('display-window.ts must not load electron at runtime');
});

const display = (id: number, x: number, label = ''): Display => ({ id, label, bounds: { x, y: 0, width: 1024, height: 768 } }) as Display;

/** Electron's boundary, faked: screens that can be plugged in and out, windows that record what was done to them. */
function fakeElectron(displays: Display[]) {
  const listeners = new Map<string, Array<() => void>>();
  const windows: Array<{ options: BrowserWindowConstructorOptions; calls: string[]; destroyed: boolean }> = [];
  class FakeWindow {
    rec: (typeof windows)[number];
    constructor(options: BrowserWindowConstructorOptions) {
      this.rec = { options, calls: [], destroyed: false };
      windows.push(this.rec);
    }
    once(event: string, cb: () => void) { if (event === 'ready-to-show') queueMicrotask(cb); return this; }
    on() { return this; }
    loadURL(url: string) { this.rec.calls.push(`load ${url}`); return Promise.resolve(); }
    showInactive() { this.rec.calls.push('showInactive'); }
    show() { this.rec.calls.push('show'); }
    setIgnoreMouseEvents(v: boolean) { this.rec.calls.push(`ignoreMouse ${v}`); }
    setMenu() {}
    setFullScreen(v: boolean) { this.rec.calls.push(`fullscreen ${v}`); }
    setBounds(b: { x: number }) { this.rec.calls.push(`bounds x=${b.x}`); }
    isDestroyed() { return this.rec.destroyed; }
    destroy() { this.rec.destroyed = true; }
  }
  const screen = {
    getAllDisplays: () => displays,
    getPrimaryDisplay: () => displays[0]!,
    on: (e: string, cb: () => void) => listeners.set(e, [...(listeners.get(e) ?? []), cb]),
  };
  const emit = (e: string) => listeners.get(e)?.forEach((cb) => cb());
  return { screen, Window: FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow, windows, emit };
}

const on = (screenId: number | null = null) => ({ ...defaultCounterSettings.display, window: true, screenId });

describe('customer display window', () => {
  it('picks the chosen screen, else the first that is not the main one, else none', () => {
    const ds = [display(1, 0), display(2, 1024), display(3, 2048)];
    expect(pickDisplay(ds, 1, 3)?.id).toBe(3);
    expect(pickDisplay(ds, 1, null)?.id).toBe(2);
    expect(pickDisplay(ds, 1, 99)?.id).toBe(2); // the chosen one is unplugged
    expect(pickDisplay([display(1, 0)], 1, null)).toBeNull();
  });

  it('opens frameless, fullscreen, unfocusable and mouse-blind on that screen, sandboxed like the till, without taking the focus', async () => {
    const e = fakeElectron([display(1, 0, 'Built-in'), display(2, 1920, 'HDMI-1')]);
    const screens = createDisplayWindows({ screen: e.screen, Window: e.Window, preload: '/p.cjs' });
    expect(screens.list()).toEqual([
      { id: 1, label: 'Built-in', primary: true, width: 1024, height: 768 },
      { id: 2, label: 'HDMI-1', primary: false, width: 1024, height: 768 },
    ]);
    screens.apply(on());
    await Promise.resolve();
    expect(e.windows).toHaveLength(1);
    const w = e.windows[0]!;
    expect(w.options).toMatchObject({ x: 1920, y: 0, width: 1024, height: 768, frame: false, fullscreen: true, focusable: false, skipTaskbar: true, show: false });
    expect(w.options.webPreferences).toMatchObject({ preload: '/p.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    expect(w.calls).toEqual(['ignoreMouse true', 'load app://pos/display', 'showInactive']);
    expect(w.calls).not.toContain('show');
  });

  it('follows the settings and the screens: moves, closes when turned off or the screen goes, reopens when it returns', () => {
    const ds = [display(1, 0), display(2, 1024), display(3, 2048)];
    const e = fakeElectron(ds);
    const screens = createDisplayWindows({ screen: e.screen, Window: e.Window, preload: '/p.cjs' });
    screens.apply({ ...on(), window: false });
    expect(e.windows).toHaveLength(0);
    screens.apply(on(2));
    screens.apply(on(2)); // the same again: nothing new
    expect(e.windows).toHaveLength(1);
    screens.apply(on(3));
    expect(e.windows[0]!.calls.slice(-3)).toEqual(['fullscreen false', 'bounds x=2048', 'fullscreen true']);
    screens.apply({ ...on(3), window: false });
    expect(e.windows[0]!.destroyed).toBe(true);

    screens.apply(on(null));
    expect(e.windows).toHaveLength(2);
    ds.splice(1, 2); // both extra screens unplugged
    e.emit('display-removed');
    expect(e.windows[1]!.destroyed).toBe(true);
    ds.push(display(4, 1280));
    e.emit('display-added');
    expect(e.windows).toHaveLength(3);
    expect(e.windows[2]!.options.x).toBe(1280);
    screens.close();
    expect(e.windows[2]!.destroyed).toBe(true);
  });
});
