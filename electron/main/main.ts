/**
 * The Electron composition root. It only wires: the domain is electron/core (plain Node),
 * the policy is in security.ts, the transport in ipc.ts, the window in window.ts.
 * Start with `npm start` (electron/host/start.ts), which launches Electron on this file
 * (package.json "main" -> dist/node/electron/main/main.js).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, protocol, screen, session, shell } from 'electron';
import { createResilientCore, type ResilientCore } from '../core/resilient-core.js';
import { DB_FILE_NAME } from '../core/db/open.js';
import { resourcePath } from '../core/lib/resources.js';
import { APP_SCHEME } from './app-origin.js';
import { createEventSender, registerInvokeHandler } from './ipc.js';
import { createAppProtocolHandler } from './protocol.js';
import { blockForeignRequests, denyAllPermissions, hardenWebContents } from './security.js';
import { describeStartFailure, resolveLaunchOptions } from './startup.js';
import { focusWindow, openMainWindow } from './window.js';
import { createDisplayWindows } from './display-window.js';
import { createPathPicker } from './path-picker.js';

const PRELOAD = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
/** The same icon the installers carry (scripts/make-icons.mjs), packaged inside app.asar. */
const WINDOW_ICON = resourcePath('build/icons/256x256.png');

// Both must happen before 'ready'. The scheme is "standard" (a real origin, relative URLs
// resolve), "secure" (a secure context, like https) and may be fetched; codeCache lets V8
// cache the bundle across launches. corsEnabled stays off: it would let other origins
// read app:// responses, and the page only ever fetches its own origin.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
// Every renderer sandboxed, whatever a future window's options say.
app.enableSandbox();

let core: ResilientCore | null = null;
let mainWindow: BrowserWindow | null = null;

/** Pushes events (device status, …) to the app's windows; the device layer will call it. */
export const sendEvent = createEventSender(() => BrowserWindow.getAllWindows().map((w) => w.webContents));

function quitWithDialog(title: string, message: string): void {
  dialog.showErrorBox(title, message);
  app.exit(1);
}

function start(): void {
  const launch = resolveLaunchOptions({
    argv: process.argv.slice(1),
    env: process.env,
    userDataDir: app.getPath('userData'),
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    exists: (file) => fs.existsSync(file),
  });

  const rendererDir = path.join(app.getAppPath(), 'dist', 'renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    return quitWithDialog('Counter POS is not built', `The screens are missing (${rendererDir}).\n\nRun "npm run build", then start again.`);
  }

  // The customer display's window on the screen the owner picks (the core applies its settings).
  const displays = createDisplayWindows({ screen, Window: BrowserWindow, preload: PRELOAD });
  try {
    core = createResilientCore({
      dataDir: launch.dataDir,
      counter: { screens: displays, picker: createPathPicker(dialog, () => mainWindow) },
      ...(launch.nativeBinding ? { nativeBinding: launch.nativeBinding } : {}),
    });
  } catch (err) {
    // No retry, no fallback to a fresh folder: the owner decides (see describeStartFailure).
    console.error('main: the shop did not open', err);
    const failure = describeStartFailure(err, {
      dataDir: launch.dataDir,
      dbFile: path.join(launch.dataDir, DB_FILE_NAME),
      isPackaged: app.isPackaged,
      nativeBindingPath: launch.nativeBindingPath,
    });
    return quitWithDialog(failure.title, failure.message);
  }

  const ses = session.defaultSession;
  denyAllPermissions(ses);
  blockForeignRequests(ses);
  ses.protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: rendererDir }));
  registerInvokeHandler(ipcMain, core.dispatcher);
  // Hardware state, serial-scanner codes and print results reach the page as they happen.
  core.events.subscribe((e) => sendEvent(e.type, e as never));

  mainWindow = openMainWindow(BrowserWindow, { preload: PRELOAD, devTools: !app.isPackaged, ...(WINDOW_ICON ? { icon: WINDOW_ICON } : {}) });
  mainWindow.on('closed', () => {
    mainWindow = null;
    displays.close(); // the customer's screen never outlives the till's window
  });
}

if (!app.requestSingleInstanceLock()) {
  // One till per machine: the running instance is focused (its 'second-instance') and
  // this one leaves before opening the database a second time.
  app.quit();
} else {
  app.on('second-instance', () => focusWindow(mainWindow));
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { openExternal: (url) => shell.openExternal(url) });
  });
  // A till has no life without its window, on macOS too.
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!core) return;
    // Let a receipt under way finish and the serial ports close before the database does.
    const closing = core;
    core = null;
    event.preventDefault();
    void closing.shutdown().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      console.error('main: start-up failed', err);
      quitWithDialog('Counter POS could not start', `${err instanceof Error ? err.message : String(err)}\n\nStart it again; if this returns, contact support with this message.`);
    });
}
