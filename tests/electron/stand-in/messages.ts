/**
 * What the stand-in `electron` module (in the main-process child) and the test (its parent)
 * say to each other over the fork IPC channel, and the environment the child gets.
 */

/** One thing the main process did through Electron's API (or one thing that happened to it), in order. */
export interface JournalEntry {
  /** `app.whenReady`, `BrowserWindow.new`, `window.loadURL`, `net.listen`, `app.emit` … */
  api: string;
  /** The call's arguments made plain (functions become '[Function]'). */
  args: unknown[];
}

export interface FetchResult {
  status: number;
  headers: Record<string, string>;
  /** The body as text (the renderer files are all text). */
  body: string;
}

/** What the test can make happen, as Electron or the user would; each answers with its result. */
export interface StandInCommands {
  /** Electron finished starting: `whenReady()` resolves and `ready` is emitted. */
  ready: { input: Record<string, never>; result: null };
  /** Someone launched the app again while it runs. */
  'second-instance': { input: { argv: string[] }; result: null };
  /** The user minimized the window. */
  minimize: { input: Record<string, never>; result: null };
  /** The user chose Quit: `app.quit()`. */
  quit: { input: Record<string, never>; result: null };
  /** A request to the URL through the protocol handler registered on the default session. */
  fetch: { input: { url: string }; result: FetchResult };
  /** The page called `window.open(url)`. */
  'window-open': { input: { url: string }; result: { action: string } };
  /** The page tried to navigate to / was redirected to the URL. */
  navigate: { input: { url: string; redirect: boolean }; result: { prevented: boolean } };
  /** The page tried to attach a `<webview>`. */
  'attach-webview': { input: Record<string, never>; result: { prevented: boolean } };
  /** The page asked for a permission (request) and Chromium checked it (check). */
  permission: { input: { permission: string }; result: { requestGranted: boolean; checkGranted: boolean } };
}
export type StandInCommandName = keyof StandInCommands;

export type ToStandIn = {
  [K in StandInCommandName]: { kind: 'command'; id: number; name: K; input: StandInCommands[K]['input'] };
}[StandInCommandName];

export type FromStandIn =
  | { kind: 'journal'; entry: JournalEntry }
  | { kind: 'reply'; id: number; result: unknown }
  | { kind: 'failed'; id: number; message: string };

/** Environment the launcher hands the child: which stand-in to load and how Electron should behave. */
export const STAND_IN_ENV = {
  /** `process.versions.electron`: the version in node_modules/electron. */
  version: 'ELECTRON_STAND_IN_VERSION',
  /** `process.resourcesPath`: the packaged app's resources folder. */
  resourcesPath: 'ELECTRON_STAND_IN_RESOURCES',
  /** `held` when another instance already holds the single-instance lock. */
  lock: 'ELECTRON_STAND_IN_LOCK',
  /** A folder whose entries are journaled with `app.ready`: what the app wrote there before it. */
  watchedDir: 'ELECTRON_STAND_IN_WATCHED_DIR',
} as const;
