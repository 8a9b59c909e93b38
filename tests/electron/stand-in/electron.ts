/**
 * A stand-in for the parts of Electron's main-process API Hookbench uses, for loading the
 * compiled main process in plain Node (Electron's binary cannot run here). Every call is
 * journaled to the parent test over the fork IPC channel; the test drives what Electron or the
 * user would do (ready, second launch, quit, page events). Each part is checked against
 * electron.d.ts, and the rules Electron enforces about `ready` are enforced here too.
 */
import { EventEmitter } from 'node:events';
import * as events from 'node:events';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Server } from 'node:net';
import { dirname } from 'node:path';
import * as timers from 'node:timers';
import * as url from 'node:url';
import { runInNewContext } from 'node:vm';
import type * as Electron from 'electron';
import { STAND_IN_ENV, type FetchResult, type FromStandIn, type StandInCommands, type ToStandIn } from './messages.js';

// ---- journal ---------------------------------------------------------------------------------

function send(message: FromStandIn, then?: () => void): void {
  if (!process.send) throw new Error('the stand-in electron module needs an IPC channel to its test (child_process.fork)');
  process.send(message, undefined, {}, then ? () => then() : undefined);
}

/** JSON-safe copy: functions become '[Function]', undefined becomes null. */
function plain(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'function' ? '[Function]' : inner)) ?? 'null');
}

function record(api: string, ...args: unknown[]): void {
  send({ kind: 'journal', entry: { api, args: args.map(plain) } });
}

/** Electron throws on these; the stand-in throws the same and journals it so a test sees it. */
function violation(message: string): never {
  record('violation', message);
  throw new Error(message);
}

function exitProcess(code: number): void {
  send({ kind: 'journal', entry: { api: 'process.exit', args: [code] } }, () => process.exit(code));
}

// Electron's main process logs an unhandled rejection instead of dying; journaled so a test can see one.
process.on('unhandledRejection', (reason) => record('process.unhandledRejection', String(reason)));

// Every server listening in this process is journaled: it shows when the engine starts relative to `ready`.
// eslint-disable-next-line @typescript-eslint/unbound-method -- the original listen, called below with each server as `this`
const listen = Server.prototype.listen;
Server.prototype.listen = function (this: Server, ...args: unknown[]) {
  record('net.listen');
  return (listen as (...inner: unknown[]) => Server).apply(this, args);
} as typeof listen;

// ---- events Electron hands to listeners ------------------------------------------------------

interface PreventableEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

function preventable<Params extends object>(params: Params = {} as Params): Electron.Event<Params> & PreventableEvent {
  let prevented = false;
  return {
    ...params,
    preventDefault: () => void (prevented = true),
    get defaultPrevented() {
      return prevented;
    },
  };
}

// ---- app -------------------------------------------------------------------------------------

let ready = false;
let markReady: () => void = () => {};
const whenReadyPromise = new Promise<void>((resolve) => (markReady = resolve));

class StandInApp
  extends EventEmitter
  implements Pick<Electron.App, 'whenReady' | 'isReady' | 'requestSingleInstanceLock' | 'enableSandbox' | 'quit' | 'exit'>
{
  constructor() {
    super();
    this.on('newListener', (event: string) => record('app.on', event));
  }

  whenReady(): Promise<void> {
    record('app.whenReady');
    return whenReadyPromise;
  }

  isReady(): boolean {
    return ready;
  }

  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
    record('app.requestSingleInstanceLock', additionalData);
    return process.env[STAND_IN_ENV.lock] !== 'held';
  }

  enableSandbox(): void {
    record('app.enableSandbox');
    if (ready) violation('app.enableSandbox() can only be called before app is ready');
  }

  /** Like Electron: `before-quit` can be prevented; otherwise `will-quit`, then the process ends. */
  quit(): void {
    record('app.quit');
    const beforeQuit = preventable();
    this.emit('before-quit', beforeQuit);
    record('app.before-quit', { prevented: beforeQuit.defaultPrevented });
    if (beforeQuit.defaultPrevented) return;
    this.emit('will-quit', preventable());
    setImmediate(() => exitProcess(0));
  }

  exit(exitCode = 0): void {
    record('app.exit', exitCode);
    exitProcess(exitCode);
  }
}

export const app = new StandInApp();

function becomeReady(): void {
  if (ready) return;
  ready = true;
  // Read here, a macrotask after the app's start-up code and its promise chains have run.
  const watched = process.env[STAND_IN_ENV.watchedDir];
  record('app.ready', { watchedDirEntries: watched ? readdirSync(watched).sort() : null });
  app.emit('ready', preventable(), {});
  markReady();
}

// ---- protocol and session --------------------------------------------------------------------

type ProtocolHandler = Parameters<Electron.Protocol['handle']>[1];
const protocolHandlers = new Map<string, ProtocolHandler>();
let privilegedSchemes: Electron.CustomScheme[] | null = null;

function handle(scheme: string, handler: ProtocolHandler): void {
  if (protocolHandlers.has(scheme)) violation(`The scheme "${scheme}" is already handled`);
  protocolHandlers.set(scheme, handler);
}

export const protocol = {
  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    record('protocol.registerSchemesAsPrivileged', customSchemes);
    if (ready) violation('protocol.registerSchemesAsPrivileged should be called before app is ready');
    if (privilegedSchemes) violation('protocol.registerSchemesAsPrivileged can be called only once');
    privilegedSchemes = customSchemes;
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    record('protocol.handle', scheme);
    handle(scheme, handler);
  },
} satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;

/** What a page load or a `fetch` on a custom scheme goes through; null when nothing handles the scheme. */
async function fetchThroughProtocol(target: string, method = 'GET'): Promise<FetchResult | null> {
  const scheme = new URL(target).protocol.slice(0, -1);
  const handler = protocolHandlers.get(scheme);
  if (!handler) return null;
  const response = await handler(new Request(target, { method }));
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

type PermissionRequestHandler = NonNullable<Parameters<Electron.Session['setPermissionRequestHandler']>[0]>;
type PermissionCheckHandler = NonNullable<Parameters<Electron.Session['setPermissionCheckHandler']>[0]>;
let permissionRequestHandler: PermissionRequestHandler | null = null;
let permissionCheckHandler: PermissionCheckHandler | null = null;

const defaultSession = {
  protocol: {
    handle(scheme: string, handler: ProtocolHandler): void {
      record('session.protocol.handle', scheme);
      handle(scheme, handler);
    },
  } satisfies Pick<Electron.Protocol, 'handle'>,
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    record('session.setPermissionRequestHandler');
    permissionRequestHandler = handler;
  },
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    record('session.setPermissionCheckHandler');
    permissionCheckHandler = handler;
  },
} satisfies Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  protocol: Pick<Electron.Protocol, 'handle'>;
};

export const session = {
  get defaultSession() {
    if (!ready) violation('Session can only be received when app is ready');
    return defaultSession;
  },
};

// ---- ipcMain ---------------------------------------------------------------------------------

type InvokeHandler = Parameters<Electron.IpcMain['handle']>[1];

class StandInIpcMain extends EventEmitter implements Pick<Electron.IpcMain, 'handle'> {
  readonly handlers = new Map<string, InvokeHandler>();

  constructor() {
    super();
    this.on('newListener', (channel: string) => record('ipcMain.on', channel));
  }

  handle(channel: string, listener: InvokeHandler): void {
    record('ipcMain.handle', channel);
    if (this.handlers.has(channel)) violation(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
}

export const ipcMain = new StandInIpcMain();

// ---- windows and their web contents ----------------------------------------------------------

type WindowOpenHandler = Parameters<Electron.WebContents['setWindowOpenHandler']>[0];

class StandInWebContents extends EventEmitter implements Pick<Electron.WebContents, 'setWindowOpenHandler' | 'getURL'> {
  windowOpenHandler: WindowOpenHandler | null = null;
  url = '';

  constructor() {
    super();
    this.on('newListener', (event: string) => record('webContents.on', event));
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    record('webContents.setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }

  getURL(): string {
    return this.url;
  }
}

const windows: BrowserWindow[] = [];

export class BrowserWindow
  extends EventEmitter
  implements Pick<Electron.BrowserWindow, 'loadURL' | 'show' | 'focus' | 'restore' | 'minimize' | 'isMinimized' | 'isDestroyed'>
{
  readonly webContents = new StandInWebContents();
  private minimized = false;

  constructor(readonly options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    record('BrowserWindow.new', options);
    if (!ready) violation('Cannot create BrowserWindow before app is ready');
    windows.push(this);
    // Electron emits this while constructing the window, before anything can load in it.
    app.emit('web-contents-created', preventable(), this.webContents);
  }

  /** The page comes through the scheme's protocol handler; then the preload runs, then the window may show. */
  async loadURL(target: string, options?: Electron.LoadURLOptions): Promise<void> {
    record('window.loadURL', target, options);
    const response = await fetchThroughProtocol(target);
    if (!response || response.status !== 200) {
      record('window.did-fail-load', target, response?.status ?? 'ERR_UNKNOWN_URL_SCHEME');
      throw new Error(`ERR_FAILED (-2) loading '${target}'`);
    }
    this.webContents.url = target;
    record('window.did-finish-load', target, response.status, response.headers['content-type']);
    runPreload(this, target);
    setImmediate(() => this.emit('ready-to-show'));
  }

  show(): void {
    record('window.show');
  }

  focus(): void {
    record('window.focus');
  }

  minimize(): void {
    record('window.minimize');
    this.minimized = true;
  }

  restore(): void {
    record('window.restore');
    this.minimized = false;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isDestroyed(): boolean {
    return false;
  }
}

function mainWindow(): BrowserWindow {
  const window = windows.at(-1);
  if (!window) throw new Error('no window has been created');
  return window;
}

// ---- the preload, run as Electron runs a sandboxed one ---------------------------------------

/** Sandboxed preloads get `require` for 'electron' and a few polyfilled builtins only. */
const SANDBOX_BUILTINS: Record<string, unknown> = { events, timers, url };

function runPreload(window: BrowserWindow, pageUrl: string): void {
  const preload = window.options.webPreferences?.preload;
  if (!preload) return record('preload.none');
  if (!existsSync(preload)) return record('preload.missing', preload);
  const senderEvent = () => ({ sender: window.webContents, senderFrame: { url: pageUrl }, returnValue: undefined as unknown });
  const contextBridge = {
    exposeInMainWorld(apiKey: string, api: unknown): void {
      record('preload.exposeInMainWorld', apiKey, api);
    },
  } satisfies Pick<Electron.ContextBridge, 'exposeInMainWorld'>;
  const ipcRenderer = {
    sendSync(channel: string, ...args: unknown[]): unknown {
      const event = senderEvent();
      ipcMain.emit(channel, event, ...args);
      return event.returnValue;
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- async, so that a missing or throwing handler rejects, as Electron's invoke does
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      const handler = ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      return handler(senderEvent() as unknown as Electron.IpcMainInvokeEvent, ...args);
    },
  } satisfies Pick<Electron.IpcRenderer, 'sendSync' | 'invoke'>;
  const sandboxRequire = (id: string): unknown => {
    if (id === 'electron') return { contextBridge, ipcRenderer };
    if (id in SANDBOX_BUILTINS) return SANDBOX_BUILTINS[id];
    throw new Error(`module not found: ${id} (a sandboxed preload can require only 'electron', 'events', 'timers' and 'url')`);
  };
  const module = { exports: {} };
  const wrapped = runInNewContext(
    `(function (exports, require, module, __filename, __dirname) {\n${readFileSync(preload, 'utf8')}\n})`,
    {},
    {
      filename: preload,
    },
  ) as (...args: unknown[]) => void;
  wrapped(module.exports, sandboxRequire, module, preload, dirname(preload));
  record('preload.ran', preload);
}

// ---- the rest of the API the shell uses ------------------------------------------------------

export const dialog = {
  showErrorBox(title: string, content: string): void {
    record('dialog.showErrorBox', title, content, { appReady: ready });
  },
} satisfies Pick<Electron.Dialog, 'showErrorBox'>;

export const Menu = {
  buildFromTemplate(template: Array<Electron.MenuItemConstructorOptions | Electron.MenuItem>): Electron.Menu {
    record('Menu.buildFromTemplate', template);
    // Only handed back to setApplicationMenu; nothing reads it.
    return { items: [] } as unknown as Electron.Menu;
  },
  setApplicationMenu(menu: Electron.Menu | null): void {
    record('Menu.setApplicationMenu', menu === null ? null : 'menu');
  },
} satisfies Pick<typeof Electron.Menu, 'buildFromTemplate' | 'setApplicationMenu'>;

export const shell = {
  openExternal(target: string, options?: Electron.OpenExternalOptions): Promise<void> {
    record('shell.openExternal', target, options);
    return Promise.resolve();
  },
  openPath(path: string): Promise<string> {
    record('shell.openPath', path);
    return Promise.resolve('');
  },
  showItemInFolder(fullPath: string): void {
    record('shell.showItemInFolder', fullPath);
  },
} satisfies Pick<Electron.Shell, 'openExternal' | 'openPath' | 'showItemInFolder'>;

export const clipboard = {
  writeText(text: string, type?: 'selection' | 'clipboard'): void {
    record('clipboard.writeText', text.length, type);
  },
} satisfies Pick<Electron.Clipboard, 'writeText'>;

export const nativeTheme = { shouldUseDarkColors: false } satisfies Pick<Electron.NativeTheme, 'shouldUseDarkColors'>;

// ---- what the test makes happen --------------------------------------------------------------

/** A performer may answer at once or later; the dispatcher below turns a throw into a failed reply either way. */
type Performers = {
  [K in keyof StandInCommands]: (
    input: StandInCommands[K]['input'],
  ) => StandInCommands[K]['result'] | Promise<StandInCommands[K]['result']>;
};

const performers: Performers = {
  ready: () => {
    becomeReady();
    return null;
  },
  'second-instance': ({ argv }) => {
    app.emit('second-instance', preventable(), argv, process.cwd(), {});
    return null;
  },
  minimize: () => {
    mainWindow().minimize();
    return null;
  },
  quit: () => {
    app.quit();
    return null;
  },
  fetch: async ({ url: target }) => {
    const response = await fetchThroughProtocol(target);
    if (!response) throw new Error(`no protocol handler for ${target}`);
    return response;
  },
  'window-open': ({ url: target }) => {
    const handler = mainWindow().webContents.windowOpenHandler;
    if (!handler) throw new Error('no window open handler was set');
    const details: Electron.HandlerDetails = {
      url: target,
      frameName: '',
      features: '',
      disposition: 'foreground-tab',
      referrer: { url: mainWindow().webContents.url, policy: 'strict-origin-when-cross-origin' },
    };
    return { action: handler(details).action };
  },
  navigate: ({ url: target, redirect }) => {
    const event = preventable<Electron.WebContentsWillNavigateEventParams>({
      url: target,
      isSameDocument: false,
      isMainFrame: true,
      frame: null,
    });
    mainWindow().webContents.emit(redirect ? 'will-redirect' : 'will-navigate', event, target, false, true);
    return { prevented: event.defaultPrevented };
  },
  'attach-webview': () => {
    const event = preventable();
    mainWindow().webContents.emit('will-attach-webview', event, {}, {});
    return { prevented: event.defaultPrevented };
  },
  permission: async ({ permission }) => {
    if (!permissionRequestHandler || !permissionCheckHandler) throw new Error('no permission handlers were set');
    // The handlers get the page's web contents; Hookbench's ignore it, so the stand-in's will do.
    const contents = mainWindow().webContents as unknown as Electron.WebContents;
    const requestHandler = permissionRequestHandler;
    const requestGranted = await new Promise<boolean>((resolve) =>
      requestHandler(contents, permission as 'media', resolve, { requestingUrl: contents.getURL(), isMainFrame: true }),
    );
    const checkGranted = permissionCheckHandler(contents, permission as 'media', new URL(contents.getURL()).origin, {
      requestingUrl: contents.getURL(),
      isMainFrame: true,
      embeddingOrigin: '',
    });
    return { requestGranted, checkGranted };
  },
};

process.on('message', (message: ToStandIn) => {
  if (message.kind !== 'command') return;
  const perform = performers[message.name] as (input: unknown) => unknown;
  new Promise((resolve) => resolve(perform(message.input))).then(
    (result) => send({ kind: 'reply', id: message.id, result: plain(result) }),
    (error: Error) => send({ kind: 'failed', id: message.id, message: error.message }),
  );
});
