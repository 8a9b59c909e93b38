import { spawn } from 'node:child_process';

/** Opens the UI only where someone can see it, and never when told not to. */
export function shouldOpenBrowser(open: boolean, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (!open || env.BROWSER === 'none' || env.CI) return false;
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  return true;
}

export function browserCommand(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): [string, string[]] {
  if (env.BROWSER) return [env.BROWSER, [url]];
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

export function openBrowser(url: string): void {
  const [command, args] = browserCommand(url, process.env, process.platform);
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => {}); // No browser is not an error: the URL is printed anyway.
  child.unref();
}
