import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findCloudflared } from '../../../../electron/engine/tunnel/providers/cloudflare/cloudflared-binary.js';
import { cloudflaredInstallFix } from '../../../../electron/engine/tunnel/providers/cloudflare/cloudflared-errors.js';
import { tempDir } from '../../../support/temp-dir.js';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

/** A data dir and two PATH folders, each able to hold a cloudflared. */
function layout() {
  const dir = tempDir('hookbench-cf-find-');
  dirs.push(dir);
  const place = (folder: string, mode = 0o755) => {
    mkdirSync(path.join(dir.path, folder), { recursive: true });
    const file = path.join(dir.path, folder, 'cloudflared');
    writeFileSync(file, '#!/bin/sh\n', { mode });
    return file;
  };
  const pathDirs = [path.join(dir.path, 'path-a'), path.join(dir.path, 'path-b')];
  return { dataDir: dir.path, place, env: { PATH: pathDirs.join(path.delimiter) } };
}

describe('findCloudflared', () => {
  it('takes the explicit path first, even when one is on PATH and in the data dir', () => {
    const { dataDir, place, env } = layout();
    place('path-a');
    place('bin');
    const explicit = place('chosen');
    expect(findCloudflared(explicit, dataDir, env)).toBe(explicit);
  });

  it('takes the first executable on PATH before the data dir', () => {
    const { dataDir, place, env } = layout();
    place('path-a', 0o644);
    const second = place('path-b');
    place('bin');
    expect(findCloudflared(null, dataDir, env)).toBe(second);
  });

  it('falls back to <dataDir>/bin/cloudflared, then to null', () => {
    const { dataDir, place, env } = layout();
    expect(findCloudflared(null, dataDir, env)).toBeNull();
    const downloaded = place('bin');
    expect(findCloudflared(null, dataDir, env)).toBe(downloaded);
  });

  it('throws an error naming a missing or non-executable explicit path instead of searching on', () => {
    const { dataDir, place, env } = layout();
    place('path-a');
    expect(() => findCloudflared('/nowhere/cloudflared', dataDir, env)).toThrow(
      'The cloudflared set for Hookbench does not exist: /nowhere/cloudflared. Point --cloudflared, HOOKBENCH_CLOUDFLARED',
    );
    const plain = place('plain', 0o644);
    expect(() => findCloudflared(plain, dataDir, env)).toThrow(expect.objectContaining({ code: 'cloudflared_not_executable' }));
  });
});

describe('cloudflared install fix', () => {
  it('names the install command of each OS and the other ways to point Hookbench at cloudflared', () => {
    expect(cloudflaredInstallFix('darwin')).toMatch(/^Install it with `brew install cloudflared`/);
    expect(cloudflaredInstallFix('win32')).toMatch(/^Install it with `winget install --id Cloudflare\.cloudflared`/);
    expect(cloudflaredInstallFix('linux')).toMatch(
      /\.deb or \.rpm package or the cloudflared binary on github\.com\/cloudflare\/cloudflared\/releases/,
    );
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(cloudflaredInstallFix(platform)).toMatch(
        /Download cloudflared.*--cloudflared PATH, HOOKBENCH_CLOUDFLARED or the cloudflared setting\.$/,
      );
    }
  });
});
