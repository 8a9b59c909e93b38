import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ELECTRON_SQLITE_DIR, ELECTRON_SQLITE_FILE } from '../../../electron/engine/store/sqlite-binding.js';
import { tempDir } from '../../support/temp-dir.js';
import { STAND_IN_ENV, type FromStandIn, type JournalEntry, type StandInCommandName, type StandInCommands } from '../stand-in/messages.js';

const require = createRequire(import.meta.url);
const STAND_IN_SOURCES = fileURLToPath(new URL('../stand-in', import.meta.url));
export const ELECTRON_VERSION: string = require('electron/package.json').version;
/** Node's own better-sqlite3 build: in a Node process standing in for Electron, it plays the Electron-ABI build. */
export const NODE_SQLITE_BINARY = join(require.resolve('better-sqlite3/package.json'), '..', 'build', 'Release', 'better_sqlite3.node');

let compiled: string | null = null;
// Loaded only when a test launches the main process: it takes a while.
const typescript = () => require('typescript') as typeof import('typescript');

/** The stand-in compiled to plain ESM once per test file (Node 20 cannot load TypeScript). */
function compiledStandIn(): string {
  if (compiled) return compiled;
  const dir = tempDir('hookbench-electron-stand-in-').path;
  const ts = typescript();
  for (const file of readdirSync(STAND_IN_SOURCES).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(join(STAND_IN_SOURCES, file), 'utf8');
    const output = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023, verbatimModuleSyntax: false },
    });
    writeFileSync(join(dir, basename(file, '.ts') + '.js'), output.outputText);
  }
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  compiled = dir;
  return dir;
}

/** For afterAll in each test file that launches the main process. */
export function removeCompiledStandIn(): void {
  if (compiled) rmSync(compiled, { recursive: true, force: true });
  compiled = null;
}

/** A resources folder as the installer lays it out, holding the given file as the Electron-ABI SQLite build. */
export function resourcesWithSqlite(binary: string | null): { path: string; remove: () => void } {
  const resources = tempDir('hookbench-resources-');
  if (binary) {
    mkdirSync(join(resources.path, ELECTRON_SQLITE_DIR));
    copyFileSync(binary, join(resources.path, ELECTRON_SQLITE_DIR, ELECTRON_SQLITE_FILE));
  }
  return resources;
}

export interface LaunchOptions {
  /** The compiled main process to run (dist/electron/main.js, or the one from the packaged app). */
  main: string;
  dataDir: string;
  /** What `process.resourcesPath` says. */
  resourcesPath: string;
  /** Another instance already holds the single-instance lock. */
  lockHeld?: boolean;
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** The main process running in Node against the stand-in, with the journal of what it did. */
export class MainProcess {
  readonly journal: JournalEntry[] = [];
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private output = '';
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly listeners = new Set<() => void>();
  private exit: Exit | null = null;

  constructor(options: LaunchOptions) {
    const dir = compiledStandIn();
    this.child = fork(options.main, [], {
      execArgv: ['--import', pathToFileURL(join(dir, 'register.js')).href],
      env: {
        ...process.env,
        HOOKBENCH_DATA_DIR: options.dataDir,
        HOOKBENCH_API_PORT: '0',
        HOOKBENCH_HTTP_PORT: '0',
        HOOKBENCH_HTTPS_PORT: '0',
        [STAND_IN_ENV.version]: ELECTRON_VERSION,
        [STAND_IN_ENV.resourcesPath]: options.resourcesPath,
        [STAND_IN_ENV.lock]: options.lockHeld ? 'held' : 'free',
        [STAND_IN_ENV.watchedDir]: options.dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.on('message', (message: FromStandIn) => this.receive(message));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        for (const { reject } of this.pending.values()) reject(this.failure('exited before answering'));
        this.pending.clear();
        this.notify();
        resolve({ code, signal });
      }),
    );
  }

  /**
   * Resolves with the first journal entry for `api` that matches, once the main process has made it;
   * rejects if the process ends first, or as soon as one of the `failures` entries shows up.
   */
  waitFor(api: string, matches: (entry: JournalEntry) => boolean = () => true, failures: string[] = []): Promise<JournalEntry> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.journal.find((entry) => entry.api === api && matches(entry));
        const failed = this.journal.find((entry) => failures.includes(entry.api));
        if (found) resolve(found);
        else if (failed) reject(this.failure(`did ${failed.api} ${JSON.stringify(failed.args)} before ${api}`));
        else if (this.exit) reject(this.failure(`exited (${this.exit.code ?? this.exit.signal}) without ${api}`));
        else return;
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  command<K extends StandInCommandName>(name: K, input: StandInCommands[K]['input']): Promise<StandInCommands[K]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.exit) return reject(this.failure(`exited before ${name}`));
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child.send({ kind: 'command', id, name, input });
    });
  }

  /** Position of the first matching entry in the journal, -1 when there is none. */
  indexOf(api: string, matches: (entry: JournalEntry) => boolean = () => true): number {
    return this.journal.findIndex((entry) => entry.api === api && matches(entry));
  }

  entries(api: string): JournalEntry[] {
    return this.journal.filter((entry) => entry.api === api);
  }

  /** What it printed, for failure messages. */
  printed(): string {
    return this.output;
  }

  kill(): void {
    if (!this.exit) this.child.kill('SIGKILL');
  }

  private receive(message: FromStandIn): void {
    if (message.kind === 'journal') {
      this.journal.push(message.entry);
      this.notify();
      return;
    }
    const waiting = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.kind === 'reply') waiting?.resolve(message.result);
    else waiting?.reject(new Error(message.message));
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private failure(what: string): Error {
    return new Error(`main process ${what}; journal: ${this.journal.map((entry) => entry.api).join(', ')}\n${this.output}`);
  }
}

/** What means the window will never show: stop waiting for it at once. */
const WINDOW_FAILURES = ['window.did-fail-load', 'violation', 'process.unhandledRejection', 'dialog.showErrorBox', 'preload.missing'];

/** Starts the main process, lets Electron become ready once it waits for that, and waits for the window to show. */
export async function launchToWindow(options: LaunchOptions): Promise<MainProcess> {
  const main = new MainProcess(options);
  try {
    await main.waitFor('app.whenReady');
    await main.command('ready', {});
    await main.waitFor('window.show', undefined, WINDOW_FAILURES);
    return main;
  } catch (error) {
    main.kill();
    throw error;
  }
}

/** Asks the app to quit as a user would, and waits for the process to end. */
export async function quit(main: MainProcess): Promise<Exit> {
  await main.command('quit', {});
  return main.exited;
}

/**
 * Every file the built renderer needs, found the way the window finds them: index.html through the
 * protocol handler, then each script and stylesheet it names, then each chunk those import.
 * Returns the status each got.
 */
export async function crawlRenderer(main: MainProcess, entry: string): Promise<Map<string, number>> {
  const statuses = new Map<string, number>();
  const queue = [entry];
  while (queue.length > 0) {
    const target = queue.shift()!;
    if (statuses.has(target)) continue;
    const response = await main.command('fetch', { url: target });
    statuses.set(target, response.status);
    if (response.status !== 200) continue;
    for (const reference of rendererReferences(response.body)) queue.push(new URL(reference, target).href);
  }
  return statuses;
}

/** Relative script and stylesheet references in an HTML or JS file of Vite's output. */
export function rendererReferences(text: string): string[] {
  const html = [...text.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map((match) => match[1]);
  const chunks = [...text.matchAll(/["'`](\.\/[\w.-]+\.(?:js|css))["'`]/g)].map((match) => match[1]);
  return [...new Set([...html, ...chunks])];
}
