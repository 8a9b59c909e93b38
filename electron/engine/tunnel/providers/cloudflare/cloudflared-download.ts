import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import tls from 'node:tls';
import { gunzipSync } from 'node:zlib';
import type { CloudflaredDownload } from '../../../../../shared/api/tunnel-routes.js';
import { HookbenchError } from '../../../../../shared/errors.js';
import { dataDirCloudflared } from './cloudflared-binary.js';
import { CLOUDFLARED_RELEASE, cloudflaredAssetFor, type CloudflaredAsset, type CloudflaredRelease } from './cloudflared-release.js';
import { readTarFile } from './tar-file.js';

export interface CloudflaredDownloadOptions {
  dataDir: string;
  /** Release download root; the file is `<baseUrl>/<version>/<asset>` (GitHub's layout). */
  baseUrl: string;
  /** Extra CA certificates (PEM) to trust, for a private download mirror. */
  ca?: string[];
  platform?: NodeJS.Platform;
  arch?: string;
  /** The pinned release; tests give their own table. */
  release?: CloudflaredRelease;
}

/** No release asset is anywhere near this; a larger answer is not cloudflared. */
const MAX_DOWNLOAD_BYTES = 200 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/** Whether Hookbench has a pinned cloudflared, with its digest, for this platform. */
export function cloudflaredDownloadAvailable(platform: NodeJS.Platform = process.platform, arch: string = process.arch): boolean {
  return cloudflaredAssetFor(CLOUDFLARED_RELEASE, platform, arch) !== null;
}

/**
 * Downloads the pinned cloudflared for this platform into `<dataDir>/bin/`: streamed to a temporary
 * file, its SHA-256 checked against the table (and, for a macOS tarball, that of the executable inside),
 * and only then made executable and renamed into place. A wrong digest deletes the temporary file.
 */
export async function downloadCloudflared(options: CloudflaredDownloadOptions): Promise<CloudflaredDownload> {
  const release = options.release ?? CLOUDFLARED_RELEASE;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const asset = cloudflaredAssetFor(release, platform, arch);
  if (!asset) {
    throw new HookbenchError(
      'cloudflared_download_unavailable',
      `Hookbench has no checksum-pinned cloudflared ${release.version} for ${platform}/${arch}, so it will not download one; install cloudflared yourself and set its path.`,
      400,
    );
  }
  const target = dataDirCloudflared(options.dataDir, platform);
  const binDir = path.dirname(target);
  await mkdir(binDir, { recursive: true });
  const url = `${options.baseUrl.replace(/\/+$/, '')}/${release.version}/${asset.name}`;
  const temp = path.join(binDir, `.${asset.name}-${randomBytes(6).toString('hex')}.download`);
  const extracted = `${temp}.bin`;
  try {
    const sha256 = await fetchToFile(url, temp, options.ca);
    if (sha256 !== asset.sha256) throw checksumMismatch(asset.name, url, asset.sha256, sha256);
    const executable = asset.archive === 'tgz' ? await extractExecutable(temp, extracted, asset, platform, url) : temp;
    await chmod(executable, 0o755);
    await rename(executable, target);
    return { path: target, version: release.version, sha256 };
  } finally {
    await rm(temp, { force: true });
    await rm(extracted, { force: true });
  }
}

function checksumMismatch(name: string, url: string, expected: string, actual: string): HookbenchError {
  return new HookbenchError(
    'cloudflared_checksum_mismatch',
    `The downloaded ${name} does not match Hookbench's pinned SHA-256 (expected ${expected}, got ${actual}); it was deleted. Check the download URL (${url}) or install cloudflared yourself.`,
    502,
  );
}

async function extractExecutable(
  archive: string,
  destination: string,
  asset: CloudflaredAsset,
  platform: NodeJS.Platform,
  url: string,
): Promise<string> {
  let tar: Buffer;
  try {
    tar = gunzipSync(await readFile(archive), { maxOutputLength: MAX_DOWNLOAD_BYTES });
  } catch {
    throw new HookbenchError('cloudflared_archive_invalid', `${asset.name} is not a gzip archive, although its SHA-256 matched.`, 502);
  }
  const name = platform === 'win32' ? 'cloudflared.exe' : 'cloudflared';
  const executable = readTarFile(tar, name);
  if (!executable) throw new HookbenchError('cloudflared_archive_invalid', `${asset.name} holds no ${name} executable.`, 502);
  if (asset.binarySha256) {
    const actual = createHash('sha256').update(executable).digest('hex');
    if (actual !== asset.binarySha256) throw checksumMismatch(`${name} inside ${asset.name}`, url, asset.binarySha256, actual);
  }
  await writeFile(destination, executable, { mode: 0o600 });
  return destination;
}

/** GETs `url` (following redirects) into `file`, hashing on the way; resolves with the hex SHA-256. */
async function fetchToFile(url: string, file: string, ca: string[] | undefined, redirects = 0): Promise<string> {
  const response = await get(url, ca);
  const status = response.statusCode ?? 0;
  if (status >= 300 && status < 400 && response.headers.location) {
    response.resume();
    if (redirects >= MAX_REDIRECTS) throw downloadFailed(url, `more than ${MAX_REDIRECTS} redirects`);
    return fetchToFile(new URL(response.headers.location, url).toString(), file, ca, redirects + 1);
  }
  if (status !== 200) {
    response.resume();
    throw downloadFailed(url, `HTTP ${status}`);
  }
  const hash = createHash('sha256');
  let received = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > MAX_DOWNLOAD_BYTES) return done(downloadFailed(url, `larger than ${MAX_DOWNLOAD_BYTES / 1024 / 1024} MB`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(response, meter, createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    throw error instanceof HookbenchError ? error : downloadFailed(url, (error as Error).message);
  }
  return hash.digest('hex');
}

function get(url: string, ca: string[] | undefined): Promise<http.IncomingMessage> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return Promise.reject(downloadFailed(url, `unsupported scheme ${parsed.protocol}`));
  return new Promise((resolve, reject) => {
    const request =
      parsed.protocol === 'https:'
        ? https.get(parsed, { ca: ca ? [...tls.rootCertificates, ...ca] : undefined, timeout: DOWNLOAD_TIMEOUT_MS }, resolve)
        : http.get(parsed, { timeout: DOWNLOAD_TIMEOUT_MS }, resolve);
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) => reject(downloadFailed(url, error.message)));
  });
}

function downloadFailed(url: string, reason: string): HookbenchError {
  return new HookbenchError(
    'cloudflared_download_failed',
    `Downloading cloudflared from ${url} failed: ${reason}. Check the network and the download URL setting.`,
    502,
  );
}
