import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RUNTIME_FILE = 'runtime.json';

/** Where a running engine can be reached; the CLI's replay and export commands read it. */
export interface RuntimeInfo {
  apiUrl: string;
  pid: number;
  httpUrl: string;
  httpsUrl: string;
}

/** Written once the API listens (atomically, so a reader never sees half a file); removed on stop. */
export function writeRuntimeFile(dataDir: string, info: RuntimeInfo): void {
  const file = join(dataDir, RUNTIME_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function readRuntimeFile(dataDir: string): RuntimeInfo | null {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, RUNTIME_FILE), 'utf8')) as Partial<RuntimeInfo>;
    return typeof value.apiUrl === 'string' && typeof value.pid === 'number' ? (value as RuntimeInfo) : null;
  } catch {
    return null;
  }
}

/** Removes the file if this process wrote it (a newer engine's file is left alone). */
export function removeRuntimeFile(dataDir: string, pid = process.pid): void {
  if (readRuntimeFile(dataDir)?.pid === pid) rmSync(join(dataDir, RUNTIME_FILE), { force: true });
}
