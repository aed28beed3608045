/**
 * Electron main process: one sandboxed window showing the renderer from app://vlab/, the Host
 * services over IPC, and a strict policy on navigation and permissions.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDataDirs, resolveDataDir, userLabsDir } from '../../host/services/data-dir.js';
import { createNodeHost } from '../../host/services/host-impl.js';
import { toLocale } from '../../host/services/system-locale.js';
import { hardenWebContents } from './harden.js';
import { registerIpcHandlers } from './ipc.js';
import { aboutText, buildMenuTemplate } from './menu.js';
import { serveAppRequest } from './protocol.js';
import { APP_ENTRY_URL, APP_SCHEME } from './security.js';

// Must happen before `ready`. standard: real origin and relative URLs; secure: treated like https
// (secure context for workers and crypto); supportFetchAPI: the page can fetch its own files;
// corsEnabled: module scripts and module workers are fetched in CORS mode, even same-origin.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
]);
// Every renderer sandboxed, even one created by accident. (The old `remote` module no longer
// exists in Electron; nothing here could enable it.)
app.enableSandbox();

// The data folder is shared with `vlab serve` and holds progress.json and labs/. Electron's own
// default profile folder has the same name (~/.config/vlab, %APPDATA%\vlab), so keep Chromium's
// caches and preferences in a subfolder rather than mixed with the person's files.
const dataDir = resolveDataDir();
app.setPath('userData', path.join(dataDir, 'electron'));

let mainWindow: BrowserWindow | undefined;

// One instance at a time: two would write the same progress file.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start).catch(fail);
}

async function start(): Promise<void> {
  const appRoot = app.getAppPath();
  const rendererDir = path.join(appRoot, 'out', 'renderer');
  const locale = toLocale(app.getPreferredSystemLanguages()[0] ?? app.getLocale());
  await ensureDataDirs(dataDir).catch(() => {
    // Not fatal: saving will report the problem in the app.
  });

  const host = createNodeHost({
    labsDirs: { bundled: path.join(appRoot, 'labs'), user: userLabsDir(dataDir) },
    dataDir,
    kind: 'electron',
    version: app.getVersion(),
    systemLocale: locale,
  });

  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));
  // The lab needs no camera, microphone, notifications, geolocation… deny every request and check.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  registerIpcHandlers(ipcMain, host);

  const showAbout = () => {
    const text = aboutText(app.getVersion(), locale);
    void dialog.showMessageBox({ type: 'info', buttons: ['OK'], ...text });
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ platform: process.platform, isPackaged: app.isPackaged, locale, showAbout })));

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'vlab',
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  mainWindow = window;
  void window.loadURL(APP_ENTRY_URL);
}

function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('vlab could not start', message);
  app.exit(1);
}
