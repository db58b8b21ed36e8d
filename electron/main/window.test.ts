import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { focusWindow, mainWindowOptions, openMainWindow } from './window.js';

vi.mock('electron', () => {
  throw new Error('window.ts must not load electron at runtime');
});

describe('main window', () => {
  it('runs the page isolated, sandboxed, without Node, with web security', () => {
    const prefs = mainWindowOptions({ preload: '/app/dist/node/electron/preload/preload.cjs', devTools: false }).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/dist/node/electron/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('carries the app icon from resources/build when given one', async () => {
    const { resourcePath } = await import('../core/lib/resources.js');
    const icon = resourcePath('build/icons/256x256.png');
    expect(icon).toMatch(/resources[\\/]build[\\/]icons[\\/]256x256\.png$/);
    expect(mainWindowOptions({ preload: '/p.cjs', devTools: false, icon: icon! }).icon).toBe(icon);
    expect(mainWindowOptions({ preload: '/p.cjs', devTools: false })).not.toHaveProperty('icon');
  });

  it('loads the app from app://pos and shows it when ready', () => {
    const made: Array<{ options: BrowserWindowConstructorOptions; loaded: string[]; shown: number }> = [];
    class FakeWindow {
      record = { options: {} as BrowserWindowConstructorOptions, loaded: [] as string[], shown: 0 };
      private ready: (() => void) | null = null;
      constructor(options: BrowserWindowConstructorOptions) {
        this.record.options = options;
        made.push(this.record);
      }
      once(event: string, listener: () => void) {
        if (event === 'ready-to-show') this.ready = listener;
        return this;
      }
      loadURL(url: string) {
        this.record.loaded.push(url);
        this.ready?.();
        return Promise.resolve();
      }
      show() {
        this.record.shown += 1;
      }
    }
    openMainWindow(FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow, { preload: '/p.cjs', devTools: true });
    expect(made).toHaveLength(1);
    expect(made[0]!.loaded).toEqual(['app://pos/index.html']);
    expect(made[0]!.options.show).toBe(false);
    expect(made[0]!.shown).toBe(1);
  });

  it('focusWindow restores and focuses a live window, and ignores none or a destroyed one', () => {
    const calls: string[] = [];
    const win = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      focus: () => calls.push('focus'),
    } as unknown as BrowserWindow;
    focusWindow(win);
    expect(calls).toEqual(['restore', 'show', 'focus']);
    focusWindow(null);
    focusWindow({ ...win, isDestroyed: () => true } as unknown as BrowserWindow);
    expect(calls).toHaveLength(3);
  });
});
