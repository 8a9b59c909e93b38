import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTlsMaterial } from '../../../../electron/engine/tls/local-ca.js';
import {
  cloudflaredDownloadAvailable,
  downloadCloudflared,
} from '../../../../electron/engine/tunnel/providers/cloudflare/cloudflared-download.js';
import type { CloudflaredRelease } from '../../../../electron/engine/tunnel/providers/cloudflare/cloudflared-release.js';
import { readTarFile } from '../../../../electron/engine/tunnel/providers/cloudflare/tar-file.js';
import { tempDir } from '../../../support/temp-dir.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(3000, 0xab)]);
const MACHO = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 0x0c, 0x00, 0x00, 0x01]), Buffer.alloc(5000, 0xcd)]);

const work = tempDir('hookbench-cf-download-');
/** Files the local "release server" serves, by path. */
const files = new Map<string, Buffer>();
const requested: string[] = [];
let server: https.Server;
let baseUrl: string;
let ca: string;

/** A gzipped tarball made by the system's tar, holding `cloudflared` under `folder`. */
function tarball(format: 'ustar' | 'gnu' | 'pax', folder: string, content: Buffer): Buffer {
  const source = path.join(work.path, `src-${format}-${folder.length}`);
  mkdirSync(path.join(source, folder), { recursive: true });
  writeFileSync(path.join(source, folder, 'README'), 'not this one\n');
  writeFileSync(path.join(source, folder, 'cloudflared'), content, { mode: 0o755 });
  const out = path.join(work.path, `cf-${format}-${folder.length}.tgz`);
  execFileSync('tar', [`--format=${format}`, '-czf', out, '-C', source, folder || '.']);
  return readFileSync(out);
}

function release(assets: CloudflaredRelease['assets']): CloudflaredRelease {
  return { version: '2099.1.0', assets };
}

function dataDir(): string {
  const dir = path.join(work.path, `data-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  return dir;
}

beforeAll(async () => {
  const tls = await ensureTlsMaterial(path.join(work.path, 'tls-owner'));
  ca = tls.caCertPem;
  server = https.createServer({ cert: tls.serverCertPem, key: tls.serverKeyPem }, (request, response) => {
    requested.push(request.url ?? '');
    if (request.url === '/2099.1.0/moved') {
      response.writeHead(302, { location: '/2099.1.0/cloudflared-linux-amd64' }).end();
      return;
    }
    const body = files.get(request.url ?? '');
    if (!body) return void response.writeHead(404).end('not found');
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  files.set('/2099.1.0/cloudflared-linux-amd64', ELF);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  work.remove();
});

describe('cloudflared download', () => {
  it('installs the pinned binary into <data-dir>/bin/ as an executable when its SHA-256 matches', async () => {
    const dir = dataDir();
    const pinned = release({ 'linux-x64': { name: 'cloudflared-linux-amd64', sha256: sha256(ELF), archive: 'none' } });
    const result = await downloadCloudflared({
      dataDir: dir,
      baseUrl: `${baseUrl}/`,
      ca: [ca],
      platform: 'linux',
      arch: 'x64',
      release: pinned,
    });
    const installed = path.join(dir, 'bin', 'cloudflared');
    expect(result).toEqual({ path: installed, version: '2099.1.0', sha256: sha256(ELF) });
    expect(readFileSync(installed).equals(ELF)).toBe(true);
    expect(statSync(installed).mode & 0o777).toBe(0o755);
    expect(readdirSync(path.join(dir, 'bin'))).toEqual(['cloudflared']);
  });

  it('refuses a file whose SHA-256 differs: deletes it, keeps the cloudflared already there, and says so', async () => {
    const dir = dataDir();
    mkdirSync(path.join(dir, 'bin'));
    writeFileSync(path.join(dir, 'bin', 'cloudflared'), 'the old one', { mode: 0o755 });
    const wrong = 'a'.repeat(64);
    const pinned = release({ 'linux-x64': { name: 'cloudflared-linux-amd64', sha256: wrong, archive: 'none' } });
    await expect(
      downloadCloudflared({ dataDir: dir, baseUrl, ca: [ca], platform: 'linux', arch: 'x64', release: pinned }),
    ).rejects.toMatchObject({
      code: 'cloudflared_checksum_mismatch',
      message: expect.stringContaining(`expected ${wrong}, got ${sha256(ELF)}`),
    });
    expect(readdirSync(path.join(dir, 'bin'))).toEqual(['cloudflared']);
    expect(readFileSync(path.join(dir, 'bin', 'cloudflared'), 'utf8')).toBe('the old one');
  });

  it('follows a redirect, as GitHub answers release downloads', async () => {
    const dir = dataDir();
    const pinned = release({ 'linux-x64': { name: 'moved', sha256: sha256(ELF), archive: 'none' } });
    const result = await downloadCloudflared({ dataDir: dir, baseUrl, ca: [ca], platform: 'linux', arch: 'x64', release: pinned });
    expect(readFileSync(result.path).equals(ELF)).toBe(true);
  });

  it('extracts cloudflared from a macOS .tgz after checking the tarball’s and the executable’s SHA-256', async () => {
    const tgz = tarball('ustar', '', MACHO);
    files.set('/2099.1.0/cloudflared-darwin-arm64.tgz', tgz);
    const dir = dataDir();
    const pinned = release({
      'darwin-arm64': { name: 'cloudflared-darwin-arm64.tgz', sha256: sha256(tgz), archive: 'tgz', binarySha256: sha256(MACHO) },
    });
    const result = await downloadCloudflared({ dataDir: dir, baseUrl, ca: [ca], platform: 'darwin', arch: 'arm64', release: pinned });
    expect(result).toMatchObject({ path: path.join(dir, 'bin', 'cloudflared'), sha256: sha256(tgz) });
    expect(readFileSync(result.path).equals(MACHO)).toBe(true);
    expect(statSync(result.path).mode & 0o777).toBe(0o755);
    expect(readdirSync(path.join(dir, 'bin'))).toEqual(['cloudflared']);
  });

  it('refuses a .tgz whose executable does not have the pinned SHA-256, and leaves nothing behind', async () => {
    const tgz = tarball('ustar', 'inner', MACHO);
    files.set('/2099.1.0/cloudflared-darwin-amd64.tgz', tgz);
    const dir = dataDir();
    const pinned = release({
      'darwin-x64': { name: 'cloudflared-darwin-amd64.tgz', sha256: sha256(tgz), archive: 'tgz', binarySha256: 'b'.repeat(64) },
    });
    await expect(
      downloadCloudflared({ dataDir: dir, baseUrl, ca: [ca], platform: 'darwin', arch: 'x64', release: pinned }),
    ).rejects.toMatchObject({
      code: 'cloudflared_checksum_mismatch',
    });
    expect(readdirSync(path.join(dir, 'bin'))).toEqual([]);
  });

  it('refuses to download for a platform without a pinned digest, before any request', async () => {
    const before = requested.length;
    const pinned = release({ 'linux-x64': { name: 'cloudflared-linux-amd64', sha256: '', archive: 'none' } });
    await expect(
      downloadCloudflared({ dataDir: dataDir(), baseUrl, ca: [ca], platform: 'linux', arch: 'x64', release: pinned }),
    ).rejects.toMatchObject({
      code: 'cloudflared_download_unavailable',
    });
    await expect(
      downloadCloudflared({ dataDir: dataDir(), baseUrl, ca: [ca], platform: 'freebsd', arch: 'x64', release: pinned }),
    ).rejects.toMatchObject({
      code: 'cloudflared_download_unavailable',
    });
    expect(requested.length).toBe(before);
  });

  it('fails with the HTTP status when the release server has no such file', async () => {
    const pinned = release({ 'linux-arm64': { name: 'cloudflared-linux-arm64', sha256: 'c'.repeat(64), archive: 'none' } });
    await expect(
      downloadCloudflared({ dataDir: dataDir(), baseUrl, ca: [ca], platform: 'linux', arch: 'arm64', release: pinned }),
    ).rejects.toMatchObject({
      code: 'cloudflared_download_failed',
      message: expect.stringContaining('HTTP 404'),
    });
  });

  it('checks the server’s certificate: without its CA the download fails', async () => {
    const pinned = release({ 'linux-x64': { name: 'cloudflared-linux-amd64', sha256: sha256(ELF), archive: 'none' } });
    await expect(
      downloadCloudflared({ dataDir: dataDir(), baseUrl, platform: 'linux', arch: 'x64', release: pinned }),
    ).rejects.toMatchObject({
      code: 'cloudflared_download_failed',
    });
  });

  it('has a complete pinned entry for the desktop platforms and none for the others', () => {
    for (const [platform, arch] of [
      ['linux', 'x64'],
      ['linux', 'arm64'],
      ['darwin', 'x64'],
      ['darwin', 'arm64'],
      ['win32', 'x64'],
    ] as const) {
      expect(cloudflaredDownloadAvailable(platform, arch), `${platform}/${arch}`).toBe(true);
    }
    expect(cloudflaredDownloadAvailable('win32', 'arm64')).toBe(false);
    expect(cloudflaredDownloadAvailable('freebsd', 'x64')).toBe(false);
  });
});

describe('tar reading', () => {
  it('finds the named file under a long folder name in ustar (prefix), GNU (long-name entry) and pax archives, skipping other entries', () => {
    const deep = `${'d'.repeat(60)}/${'e'.repeat(60)}`;
    for (const format of ['ustar', 'gnu', 'pax'] as const) {
      const tar = execFileSync('gunzip', ['-c'], { input: tarball(format, deep, MACHO) });
      expect(readTarFile(tar, 'cloudflared')?.equals(MACHO), format).toBe(true);
      expect(readTarFile(tar, 'missing'), format).toBeNull();
    }
  });
});
