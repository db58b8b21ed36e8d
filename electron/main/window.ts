/**
 * The main window. BrowserWindow is passed in (main.ts hands over Electron's), so the
 * options can be checked in tests without an Electron runtime.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-origin.js';

export interface MainWindowOptions {
  /** Absolute path of the compiled preload (dist/node/electron/preload/preload.cjs). */
  preload: string;
  /** DevTools only in development: at a shop counter they would be a way around the UI. */
  devTools: boolean;
  /**
   * The window's icon (title bar, taskbar, Alt-Tab on Windows and Linux): a PNG from
   * resources/build/icons. macOS ignores it and shows the bundle's icon.icns.
   */
  icon?: string;
}

export function mainWindowOptions(options: MainWindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    title: 'Counter POS',
    ...(options.icon ? { icon: options.icon } : {}),
    show: false, // shown on ready-to-show: no white flash at the counter
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preload,
      // The page gets posBridge and nothing else: isolated world, OS sandbox, no Node.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false, // a dropped file must not replace the app
      safeDialogs: true,
      spellcheck: false, // Chromium's spellchecker downloads dictionaries
      devTools: options.devTools,
    },
  };
}

type WindowConstructor = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the window and loads the app from app://pos (see protocol.ts for why). */
export function openMainWindow(Window: WindowConstructor, options: MainWindowOptions): BrowserWindow {
  const win = new Window(mainWindowOptions(options));
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((err: unknown) => console.error('window: could not load the app', err));
  return win;
}

/** Second launch: bring the running window forward instead of opening another till. */
export function focusWindow(win: Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'> | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
