/**
 * The customer display's window (副屏) in the desktop app: frameless, fullscreen on the screen
 * the owner picked, never focused and ignoring the mouse, so nothing typed at the till or
 * clicked by a customer lands there. It loads the same renderer at app://pos/display and,
 * like the main window, reaches the core only through the preload's bridge (it reads the
 * display's public calls and its events). Electron's `screen` and BrowserWindow are passed in,
 * so the behaviour is tested without an Electron runtime (display-window.test.ts).
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Display } from 'electron';
import type { CounterSettings } from '../../shared/contract/counter.js';
import type { ScreensPort } from '../core/counter/ports.js';
import { APP_ORIGIN } from './app-origin.js';
import { mainWindowOptions } from './window.js';

export const DISPLAY_URL = `${APP_ORIGIN}/display`;

type ScreenApi = {
  getAllDisplays(): Display[];
  getPrimaryDisplay(): Display;
  on(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: () => void): unknown;
};
type WindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

export function displayWindowOptions(preload: string, bounds: Display['bounds']): BrowserWindowConstructorOptions {
  const base = mainWindowOptions({ preload, devTools: false });
  return {
    ...base,
    ...bounds,
    minWidth: undefined,
    minHeight: undefined,
    title: 'Counter POS · 客显',
    frame: false,
    fullscreen: true,
    focusable: false, // the till keeps the keyboard: a scan never goes to the customer's screen
    skipTaskbar: true,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    closable: true,
    show: false,
    backgroundColor: '#0b1f1d',
    webPreferences: { ...base.webPreferences, devTools: false },
  };
}

/** The screen to use: the one chosen if it is connected, else the first that is not the main one; none with one screen. */
export function pickDisplay(displays: readonly Display[], primaryId: number, screenId: number | null): Display | null {
  if (screenId !== null) {
    const chosen = displays.find((d) => d.id === screenId);
    if (chosen) return chosen;
  }
  return displays.find((d) => d.id !== primaryId) ?? null;
}

export function createDisplayWindows(deps: { screen: ScreenApi; Window: WindowConstructor; preload: string }): ScreensPort & { close(): void } {
  let win: BrowserWindow | null = null;
  let onDisplay: number | null = null;
  let wanted: CounterSettings['display'] | null = null;

  const close = () => {
    const w = win;
    win = null;
    onDisplay = null;
    if (w && !w.isDestroyed()) w.destroy();
  };

  const apply = (settings: CounterSettings['display']) => {
    wanted = settings;
    const target = settings.window ? pickDisplay(deps.screen.getAllDisplays(), deps.screen.getPrimaryDisplay().id, settings.screenId) : null;
    if (!target) return close();
    if (win && !win.isDestroyed()) {
      if (onDisplay !== target.id) {
        win.setFullScreen(false);
        win.setBounds(target.bounds);
        win.setFullScreen(true);
        onDisplay = target.id;
      }
      return;
    }
    const w = new deps.Window(displayWindowOptions(deps.preload, target.bounds));
    win = w;
    onDisplay = target.id;
    w.setIgnoreMouseEvents(true);
    w.setMenu(null);
    // showInactive: appearing must not take the focus from the till's window.
    w.once('ready-to-show', () => w.showInactive());
    w.on('closed', () => {
      if (win === w) {
        win = null;
        onDisplay = null;
      }
    });
    w.loadURL(DISPLAY_URL).catch((err: unknown) => console.error('display window: could not load', err));
  };

  // A screen plugged in or out: open, move or close the window as the settings say.
  const again = () => {
    if (wanted) apply(wanted);
  };
  deps.screen.on('display-added', again);
  deps.screen.on('display-removed', again);

  return {
    list: () => {
      const primary = deps.screen.getPrimaryDisplay().id;
      return deps.screen.getAllDisplays().map((d, i) => ({
        id: d.id,
        label: d.label || `#${i + 1}`,
        primary: d.id === primary,
        width: d.bounds.width,
        height: d.bounds.height,
      }));
    },
    apply,
    close,
  };
}
