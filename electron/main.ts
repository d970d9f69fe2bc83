import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from './core/create-core';
import { safeStorageSecretBox } from './shell/secret-box';
import { APP_ENTRY_URL, APP_SCHEME } from './shell/app-origin';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './shell/app-protocol';
import { buildMenuTemplate } from './shell/menu';
import { startCallbackNotifier } from './shell/callback-notifications';
import { createIncomingCallRouter, incomingCallFromArgv, incomingCallFromUrl } from './shell/incoming-calls';
import { hardenSession } from './shell/session-policy';
import { shellLocale, startupErrorText, type ShellLocale } from './shell/shell-text';
import { hardenWebContents } from './shell/web-contents-guards';
import { secureWindowOptions } from './shell/window-options';
import { mainFrameOfWindows, registerIpcHandlers } from './transport/electron-ipc';

// The Electron shell: window, menu, protocol and IPC around the plain-Node core. Business
// logic lives in ./core; nothing here decides anything about customers.

const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD_PATH = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));

// Before `ready`: app:// must be a standard, secure scheme, and every renderer sandboxed.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

let core: Core | null = null;
let disposeIpc: (() => void) | null = null;
let stopNotifier: (() => void) | null = null;
let mainWindow: BrowserWindow | null = null;
const incomingCalls = createIncomingCallRouter((m, e) => console.error(`[shell] ${m}`, e ?? ''));

const osLocale = (): ShellLocale => shellLocale(app.getLocale());

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(
    secureWindowOptions(
      {
        width: 1440,
        height: 900,
        minWidth: 1024,
        minHeight: 640,
        show: false,
        title: 'Kefu Desk',
        backgroundColor: '#ffffff',
        webPreferences: { devTools: !app.isPackaged },
      },
      { preload: PRELOAD_PATH },
    ),
  );
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[shell] renderer gone: ${details.reason}`);
  });
  void win.loadURL(APP_ENTRY_URL);
  mainWindow = win;
  return win;
}

async function sessionLocale(c: Core): Promise<ShellLocale> {
  const r = await c.invoke('session.get', {});
  const locale = r.ok ? (r.value as { locale?: unknown }).locale : undefined;
  return locale === 'zh-CN' || locale === 'zh-TW' || locale === 'en' ? locale : osLocale();
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: RENDERER_DIR }));

  const { createCore } = await import('./core/create-core');
  // The AMI secret and the hub token are sealed with the OS keychain before they reach the store.
  core = createCore({ dataDir: join(app.getPath('userData'), 'data'), secrets: safeStorageSecretBox(safeStorage) ?? undefined });

  disposeIpc = registerIpcHandlers(
    ipcMain,
    core,
    mainFrameOfWindows(() => BrowserWindow.getAllWindows()),
    { eventTargets: () => BrowserWindow.getAllWindows().map((w) => w.webContents) },
  );

  const locale = await sessionLocale(core);
  stopNotifier = startCallbackNotifier({
    core,
    locale: () => locale,
    notify: (title, body, onClick) => {
      if (!Notification.isSupported()) return;
      const n = new Notification({ title, body });
      n.on('click', onClick);
      n.show();
    },
    setBadge: (count) => app.setBadgeCount(count),
    focus: () => showMainWindow(),
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate(locale, { platform: process.platform, isPackaged: app.isPackaged })),
  );
  createMainWindow();
  const c = core;
  incomingCalls.ready((call) => {
    c.cti.deliverIncomingCall(call);
    showMainWindow();
  });
}

/** A ringing call brings the seat's window to the front. */
function showMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function shutdown(): void {
  stopNotifier?.();
  stopNotifier = null;
  disposeIpc?.();
  disposeIpc = null;
  try {
    core?.close();
  } catch (err) {
    console.error('[shell] closing the core failed', err);
  }
  core = null;
}

function fail(err: unknown): void {
  console.error('[shell] startup failed', err);
  const { title, message } = startupErrorText(err, osLocale());
  dialog.showErrorBox(title, message);
  shutdown();
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  // Another Kefu Desk owns this profile (and its database): hand over and leave.
  app.quit();
} else {
  // kefu://call?from=…&to=…&id=… opens the app (protocol handler); in development the
  // handler must name the entry script too.
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient('kefu', process.execPath, [process.argv[1]]);
  else app.setAsDefaultProtocolClient('kefu');
  incomingCalls.push(incomingCallFromArgv(process.argv));
  app.on('open-url', (event, url) => {
    event.preventDefault();
    incomingCalls.push(incomingCallFromUrl(url));
  });
  app.on('second-instance', (_event, argv) => {
    incomingCalls.push(incomingCallFromArgv(argv));
    showMainWindow();
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { openExternal: (url) => shell.openExternal(url) });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
  app.on('will-quit', shutdown);
  app.whenReady().then(start).catch(fail);
}
