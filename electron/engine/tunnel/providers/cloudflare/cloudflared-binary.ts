import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import type { TunnelError } from '../../../../../shared/api/tunnel-routes.js';
import { HookbenchError } from '../../../../../shared/errors.js';
import { tunnelError } from '../../provider.js';

/** The executable's file name on this platform. */
export function cloudflaredFileName(platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? 'cloudflared.exe' : 'cloudflared';
}

/** Where "Download cloudflared" puts it, and the last place looked. */
export function dataDirCloudflared(dataDir: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(dataDir, 'bin', cloudflaredFileName(platform));
}

/**
 * The cloudflared to run: the explicit path (setting > --cloudflared > HOOKBENCH_CLOUDFLARED, merged
 * by the caller), else the first on PATH, else `<dataDir>/bin/`. Null when there is none. An explicit
 * path that is missing or not executable throws: silently running another cloudflared would hide the mistake.
 */
export function findCloudflared(explicit: string | null, dataDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (explicit !== null && explicit.trim() !== '') {
    const problem = executableProblem(explicit);
    if (problem) throw explicitPathError(explicit, problem);
    return path.resolve(explicit);
  }
  const name = cloudflaredFileName();
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (!executableProblem(candidate)) return candidate;
  }
  const downloaded = dataDirCloudflared(dataDir);
  return executableProblem(downloaded) ? null : downloaded;
}

type Problem = 'missing' | 'not_a_file' | 'not_executable';

function executableProblem(file: string): Problem | null {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    return 'missing';
  }
  if (!isFile) return 'not_a_file';
  if (process.platform === 'win32') return null;
  try {
    accessSync(file, constants.X_OK);
    return null;
  } catch {
    return 'not_executable';
  }
}

/** Thrown for a bad explicit path: the message reads whole for the API; `details` is the provider's TunnelError. */
export class CloudflaredPathError extends HookbenchError {
  constructor(readonly tunnelError: TunnelError) {
    super(tunnelError.code, [tunnelError.message.replace(/[.!]?$/, '.'), tunnelError.fix].filter(Boolean).join(' '), 400, tunnelError);
    this.name = 'CloudflaredPathError';
  }
}

function explicitPathError(file: string, problem: Problem): CloudflaredPathError {
  const pointAt =
    'Point --cloudflared, HOOKBENCH_CLOUDFLARED or the cloudflared setting at the cloudflared executable, or clear it to use the one on PATH.';
  switch (problem) {
    case 'missing':
      return new CloudflaredPathError(
        tunnelError('cloudflared_not_found', `The cloudflared set for Hookbench does not exist: ${file}`, pointAt),
      );
    case 'not_a_file':
      return new CloudflaredPathError(
        tunnelError('cloudflared_not_executable', `The cloudflared set for Hookbench is not a file: ${file}`, pointAt),
      );
    case 'not_executable':
      return new CloudflaredPathError(
        tunnelError(
          'cloudflared_not_executable',
          `The cloudflared set for Hookbench is not executable: ${file}`,
          `Run chmod +x ${file}, or ${pointAt.charAt(0).toLowerCase()}${pointAt.slice(1)}`,
        ),
      );
  }
}
