import { app, dialog, session, type BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';
import { defaultRendererDir } from './engine/app-root.js';
import { parentGone } from './engine/parent-pipe.js';
import { registerAppScheme, serveRendererFiles } from './shell/app-protocol.js';
import { desktopContentSecurityPolicy } from './shell/content-security-policy.js';
import { startDesktopEngine, type DesktopEngine } from './shell/desktop-engine.js';
import { installAppMenu } from './shell/install-app-menu.js';
import { registerIpcHandlers } from './shell/ipc-handlers.js';
import { focusWindow, openMainWindow } from './shell/main-window.js';
import { denyAllPermissions } from './shell/session-hardening.js';
import { sqliteLoadFailure } from './shell/sqlite-load-check.js';
import { tunnelUrlFrom } from './shell/tunnel-status.js';
import { guardWebContents } from './shell/web-contents-guards.js';

// The Electron shell: start the engine, open one sandboxed window on it, stop the engine on quit.
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const log = (line: string): void => void process.stderr.write(`${line}\n`);

// The lock first: a second launch hands over to the running app before touching anything else.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Both must happen before `ready`.
  registerAppScheme();
  // Every renderer sandboxed, including any a future change forgets to configure.
  app.enableSandbox();
  void run();
}

async function run(): Promise<void> {
  let window: BrowserWindow | null = null;
  let desktop: DesktopEngine | null = null;
  let engineStopping = false;

  app.on('second-instance', () => focusWindow(window));
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('before-quit', (event) => {
    if (!desktop) return;
    // Quit only once the engine has committed in-flight deliveries and closed the database.
    event.preventDefault();
    if (engineStopping) return;
    engineStopping = true;
    desktop.engine
      .stop()
      .catch((error: Error) => log(`Stopping the engine failed: ${error.message}`))
      .finally(() => {
        desktop = null;
        app.quit();
      });
  });

  await app.whenReady();
  // After ready: on Linux an error box shown before it goes to stderr only.
  const sqliteFailure = sqliteLoadFailure();
  if (sqliteFailure) {
    dialog.showErrorBox(sqliteFailure.title, sqliteFailure.content);
    app.exit(1);
    return;
  }
  denyAllPermissions(session.defaultSession);
  let parent: Promise<void> | null;
  try {
    parent = parentGone(process.env);
    desktop = await startDesktopEngine(log);
  } catch (error) {
    dialog.showErrorBox('Hookbench could not start', (error as Error).message);
    app.exit(1);
    return;
  }
  // Started by `npm start`: when it dies, even by SIGKILL, the app quits (stopping the engine) instead of holding the ports.
  void parent?.then(() => app.quit());
  const { info, engine } = desktop;
  const api = new URL(info.apiUrl);
  serveRendererFiles(session.defaultSession.protocol, defaultRendererDir(), desktopContentSecurityPolicy(Number(api.port)));
  registerIpcHandlers({ apiBase: api.origin, token: info.token });
  const menu = installAppMenu(info);
  engine.events.subscribe((message) => {
    const tunnelUrl = tunnelUrlFrom(message);
    if (tunnelUrl !== undefined) menu.setTunnelUrl(tunnelUrl);
  });
  log(`Hookbench ${info.version}: receiver ${info.httpUrl}/ and ${info.httpsUrl}/, data in ${info.dataDir}`);

  window = openMainWindow(PRELOAD);
  app.on('activate', () => {
    if (!window || window.isDestroyed()) window = openMainWindow(PRELOAD);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
