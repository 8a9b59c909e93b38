import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isHookbenchError } from '../../../shared/errors.js';
import { caCommonName, issueServerCertificate } from '../../../electron/engine/tls/certificate-authority.js';
import { ensureTlsMaterial, tlsPaths, type TlsMaterial } from '../../../electron/engine/tls/local-ca.js';
import { serverCertNeedsRenewal, serverCertValidity, type ServerCertFacts } from '../../../electron/engine/tls/server-cert-renewal.js';
import { x509 } from '../../../electron/engine/tls/x509-provider.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hookbench-tls-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startHttpsServer(material: TlsMaterial, host: string): Promise<number> {
  const server = https.createServer({ cert: material.serverCertPem, key: material.serverKeyPem }, (_req, res) => {
    res.end('hello over tls');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

function request(options: https.RequestOptions): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request({ method: 'GET', path: '/', agent: false, ...options }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function ipv6LoopbackWorks(): Promise<boolean> {
  const probe = https.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(0, '::1', () => resolve());
    });
    return true;
  } catch {
    return false;
  } finally {
    probe.close();
  }
}

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

describe('ensureTlsMaterial', () => {
  it('serves HTTPS that a client trusting only ca.pem accepts as localhost and 127.0.0.1', async () => {
    const material = await ensureTlsMaterial(tempDataDir());
    const port = await startHttpsServer(material, '127.0.0.1');
    const ca = fs.readFileSync(material.caCertPath, 'utf8');

    const asLocalhost = await request({ host: '127.0.0.1', port, servername: 'localhost', ca });
    const asIp = await request({ host: '127.0.0.1', port, ca });

    expect(asLocalhost).toEqual({ status: 200, body: 'hello over tls' });
    expect(asIp).toEqual({ status: 200, body: 'hello over tls' });
  });

  it('serves HTTPS that a client trusting only ca.pem accepts as ::1', async (ctx) => {
    if (!(await ipv6LoopbackWorks())) ctx.skip('IPv6 loopback (::1) is not available on this machine');
    const material = await ensureTlsMaterial(tempDataDir());
    const port = await startHttpsServer(material, '::1');

    const response = await request({ host: '::1', port, ca: material.caCertPem });

    expect(response).toEqual({ status: 200, body: 'hello over tls' });
  });

  it('is refused by a client that does not trust the local CA', async () => {
    const material = await ensureTlsMaterial(tempDataDir());
    const port = await startHttpsServer(material, '127.0.0.1');

    const error = await rejection(request({ host: '127.0.0.1', port, servername: 'localhost' }));

    expect((error as NodeJS.ErrnoException).code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('is refused by a client that trusts the CA of another install', async () => {
    const material = await ensureTlsMaterial(tempDataDir());
    const otherInstall = await ensureTlsMaterial(tempDataDir());
    const port = await startHttpsServer(material, '127.0.0.1');

    const error = await rejection(request({ host: '127.0.0.1', port, servername: 'localhost', ca: otherInstall.caCertPem }));

    expect((error as NodeJS.ErrnoException).code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(new X509Certificate(otherInstall.caCertPem).subject).not.toBe(new X509Certificate(material.caCertPem).subject);
  });

  it('is refused for a host name the server certificate does not cover', async () => {
    const material = await ensureTlsMaterial(tempDataDir());
    const port = await startHttpsServer(material, '127.0.0.1');

    const error = await rejection(request({ host: '127.0.0.1', port, servername: 'example.com', ca: material.caCertPem }));

    expect((error as NodeJS.ErrnoException).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('creates the four files in <dataDir>/tls and returns the path of ca.pem', async () => {
    const dataDir = tempDataDir();
    const material = await ensureTlsMaterial(dataDir);

    expect(material.caCertPath).toBe(path.join(dataDir, 'tls', 'ca.pem'));
    expect(fs.readdirSync(path.join(dataDir, 'tls')).sort()).toEqual(['ca-key.pem', 'ca.pem', 'server-key.pem', 'server.pem']);
    expect(fs.readFileSync(material.caCertPath, 'utf8')).toBe(material.caCertPem);
    expect(material.serverKeyPem).toContain('-----BEGIN PRIVATE KEY-----');
  });

  it.skipIf(process.platform === 'win32')('writes ca-key.pem and server-key.pem with mode 0600', async () => {
    const paths = tlsPaths(tempDataDir());
    await ensureTlsMaterial(path.dirname(paths.dir));

    expect(modeOf(paths.caKey)).toBe(0o600);
    expect(modeOf(paths.serverKey)).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('narrows a key file that was loosened back to mode 0600', async () => {
    const paths = tlsPaths(tempDataDir());
    await ensureTlsMaterial(path.dirname(paths.dir));
    fs.chmodSync(paths.caKey, 0o644);

    await ensureTlsMaterial(path.dirname(paths.dir));

    expect(modeOf(paths.caKey)).toBe(0o600);
  });

  it('makes a self-signed CA for ten years that can only sign certificates', async () => {
    const material = await ensureTlsMaterial(tempDataDir());
    const ca = new x509.X509Certificate(material.caCertPem);
    const constraints = ca.getExtension(x509.BasicConstraintsExtension);
    const keyUsage = ca.getExtension(x509.KeyUsagesExtension);

    expect(await ca.isSelfSigned()).toBe(true);
    expect(constraints?.ca).toBe(true);
    expect(constraints?.critical).toBe(true);
    expect(keyUsage?.usages).toBe(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    expect(ca.subject).toMatch(/CN=Hookbench Local CA \(.+ [0-9a-f]{6}\)/);
    const years = (ca.notAfter.getTime() - ca.notBefore.getTime()) / (365.25 * DAY_MS);
    expect(years).toBeCloseTo(10, 1);
  });

  it('makes a server certificate for localhost, 127.0.0.1 and ::1, for serverAuth, valid at most 825 days', async () => {
    const material = await ensureTlsMaterial(tempDataDir());
    const server = new x509.X509Certificate(material.serverCertPem);
    const names = server.getExtension(x509.SubjectAlternativeNameExtension)?.names.items ?? [];

    expect(names.map((name) => `${name.type}:${name.value}`)).toEqual(['dns:localhost', 'ip:127.0.0.1', 'ip:::1']);
    expect(server.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([x509.ExtendedKeyUsage.serverAuth]);
    expect(server.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
    expect(server.notAfter.getTime() - server.notBefore.getTime()).toBeLessThanOrEqual(825 * DAY_MS);
    expect(new X509Certificate(material.serverCertPem).checkIssued(new X509Certificate(material.caCertPem))).toBe(true);
  });

  it('reuses the same CA and server certificate on the next start', async () => {
    const dataDir = tempDataDir();
    const first = await ensureTlsMaterial(dataDir);
    const second = await ensureTlsMaterial(dataDir);

    expect(second).toEqual(first);
  });

  it('reissues a server certificate that expires within 30 days, under the same CA', async () => {
    const dataDir = tempDataDir();
    const paths = tlsPaths(dataDir);
    const first = await ensureTlsMaterial(dataDir);
    const ca = { certPem: first.caCertPem, keyPem: fs.readFileSync(paths.caKey, 'utf8') };
    const now = Date.now();
    const expiring = await issueServerCertificate(ca, {
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + 10 * DAY_MS),
    });
    fs.writeFileSync(paths.serverCert, expiring.certPem);
    fs.writeFileSync(paths.serverKey, expiring.keyPem, { mode: 0o600 });

    const renewed = await ensureTlsMaterial(dataDir);

    expect(renewed.caCertPem).toBe(first.caCertPem);
    expect(renewed.serverCertPem).not.toBe(expiring.certPem);
    expect(new x509.X509Certificate(renewed.serverCertPem).notAfter.getTime()).toBeGreaterThan(now + 800 * DAY_MS);
    const port = await startHttpsServer(renewed, '127.0.0.1');
    const response = await request({ host: '127.0.0.1', port, servername: 'localhost', ca: first.caCertPem });
    expect(response.status).toBe(200);
  });

  it('reissues a server certificate that another CA signed, keeping its own CA', async () => {
    const dataDir = tempDataDir();
    const paths = tlsPaths(dataDir);
    const first = await ensureTlsMaterial(dataDir);
    const foreign = tlsPaths(tempDataDir());
    await ensureTlsMaterial(path.dirname(foreign.dir));
    fs.copyFileSync(foreign.serverCert, paths.serverCert);
    fs.copyFileSync(foreign.serverKey, paths.serverKey);

    const renewed = await ensureTlsMaterial(dataDir);

    expect(renewed.caCertPem).toBe(first.caCertPem);
    expect(new X509Certificate(renewed.serverCertPem).checkIssued(new X509Certificate(first.caCertPem))).toBe(true);
  });

  it('reissues the server certificate when server-key.pem does not match it', async () => {
    const dataDir = tempDataDir();
    const paths = tlsPaths(dataDir);
    const first = await ensureTlsMaterial(dataDir);
    const foreign = tlsPaths(tempDataDir());
    await ensureTlsMaterial(path.dirname(foreign.dir));
    fs.copyFileSync(foreign.serverKey, paths.serverKey);

    const renewed = await ensureTlsMaterial(dataDir);

    expect(renewed.serverCertPem).not.toBe(first.serverCertPem);
    expect(new X509Certificate(renewed.serverCertPem).checkPrivateKey(createPrivateKey(renewed.serverKeyPem))).toBe(true);
  });

  it('starts over with a new CA when a crash left ca-key.pem without ca.pem', async () => {
    const paths = tlsPaths(tempDataDir());
    await ensureTlsMaterial(path.dirname(paths.dir));
    fs.rmSync(paths.caCert);

    const material = await ensureTlsMaterial(path.dirname(paths.dir));

    expect(fs.existsSync(paths.caCert)).toBe(true);
    expect(new X509Certificate(material.caCertPem).checkPrivateKey(createPrivateKey(fs.readFileSync(paths.caKey, 'utf8')))).toBe(true);
  });

  it('rejects a corrupt ca.pem with TLS_MATERIAL_INVALID, naming the file, and leaves it in place', async () => {
    const paths = tlsPaths(tempDataDir());
    await ensureTlsMaterial(path.dirname(paths.dir));
    const truncated = fs.readFileSync(paths.caCert, 'utf8').slice(0, 200);
    fs.writeFileSync(paths.caCert, truncated);

    const error = await rejection(ensureTlsMaterial(path.dirname(paths.dir)));

    expect(isHookbenchError(error) && error.code).toBe('TLS_MATERIAL_INVALID');
    expect((error as Error).message).toContain(paths.caCert);
    expect((error as Error).message).toContain(`Delete the folder ${paths.dir}`);
    expect(fs.readFileSync(paths.caCert, 'utf8')).toBe(truncated);
  });

  it('rejects a missing ca-key.pem with TLS_MATERIAL_INVALID rather than replacing the trusted CA', async () => {
    const paths = tlsPaths(tempDataDir());
    const first = await ensureTlsMaterial(path.dirname(paths.dir));
    fs.rmSync(paths.caKey);

    const error = await rejection(ensureTlsMaterial(path.dirname(paths.dir)));

    expect(isHookbenchError(error) && error.code).toBe('TLS_MATERIAL_INVALID');
    expect((error as Error).message).toContain(paths.caKey);
    expect(fs.readFileSync(paths.caCert, 'utf8')).toBe(first.caCertPem);
  });

  it('rejects a corrupt server.pem with TLS_MATERIAL_INVALID that says the CA can stay', async () => {
    const paths = tlsPaths(tempDataDir());
    await ensureTlsMaterial(path.dirname(paths.dir));
    fs.writeFileSync(paths.serverCert, 'not a certificate');

    const error = await rejection(ensureTlsMaterial(path.dirname(paths.dir)));

    expect(isHookbenchError(error) && error.code).toBe('TLS_MATERIAL_INVALID');
    expect((error as Error).message).toContain(paths.serverCert);
    expect((error as Error).message).toContain('same CA');
  });

  it('rejects an unreadable ca.pem with TLS_MATERIAL_INVALID that names the file', async () => {
    const paths = tlsPaths(tempDataDir());
    await ensureTlsMaterial(path.dirname(paths.dir));
    fs.rmSync(paths.caCert);
    fs.mkdirSync(paths.caCert); // reading a folder fails on every platform, even as root

    const error = await rejection(ensureTlsMaterial(path.dirname(paths.dir)));

    expect(isHookbenchError(error) && error.code).toBe('TLS_MATERIAL_INVALID');
    expect((error as Error).message).toContain(`${paths.caCert} cannot be read`);
  });

  it('leaves no temporary files behind', async () => {
    const paths = tlsPaths(tempDataDir());
    await ensureTlsMaterial(path.dirname(paths.dir));

    expect(fs.readdirSync(paths.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('serverCertNeedsRenewal', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  const healthy: ServerCertFacts = {
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 400 * DAY_MS),
    dnsNames: ['localhost'],
    ipAddresses: ['127.0.0.1', '::1'],
    issuedByCa: true,
    matchesKey: true,
  };

  it('keeps a certificate that covers the three names and has more than 30 days left', () => {
    expect(serverCertNeedsRenewal(healthy, now)).toBe(false);
    expect(serverCertNeedsRenewal({ ...healthy, notAfter: new Date(now.getTime() + 31 * DAY_MS) }, now)).toBe(false);
  });

  it('renews a certificate with fewer than 30 days left or already expired', () => {
    expect(serverCertNeedsRenewal({ ...healthy, notAfter: new Date(now.getTime() + 29 * DAY_MS) }, now)).toBe(true);
    expect(serverCertNeedsRenewal({ ...healthy, notAfter: new Date(now.getTime() - DAY_MS) }, now)).toBe(true);
  });

  it('renews a certificate that is not valid yet', () => {
    expect(serverCertNeedsRenewal({ ...healthy, notBefore: new Date(now.getTime() + DAY_MS) }, now)).toBe(true);
  });

  it('renews a certificate that misses one of localhost, 127.0.0.1 or ::1', () => {
    expect(serverCertNeedsRenewal({ ...healthy, dnsNames: [] }, now)).toBe(true);
    expect(serverCertNeedsRenewal({ ...healthy, ipAddresses: ['127.0.0.1'] }, now)).toBe(true);
    expect(serverCertNeedsRenewal({ ...healthy, ipAddresses: ['::1'] }, now)).toBe(true);
  });

  it('accepts any spelling of the IPv6 loopback and any case of localhost', () => {
    const spelled = { ...healthy, dnsNames: ['LocalHost'], ipAddresses: ['127.0.0.1', '0:0:0:0:0:0:0:1'] };
    expect(serverCertNeedsRenewal(spelled, now)).toBe(false);
  });

  it('renews a certificate from another CA or without its key', () => {
    expect(serverCertNeedsRenewal({ ...healthy, issuedByCa: false }, now)).toBe(true);
    expect(serverCertNeedsRenewal({ ...healthy, matchesKey: false }, now)).toBe(true);
  });
});

describe('serverCertValidity', () => {
  it('stays within 825 days and never outlives the CA', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const farCa = serverCertValidity(now, new Date('2040-01-01T00:00:00Z'));
    const nearCa = serverCertValidity(now, new Date('2030-06-01T00:00:00Z'));

    expect(farCa.notAfter.getTime() - farCa.notBefore.getTime()).toBeLessThanOrEqual(825 * DAY_MS);
    expect(farCa.notBefore.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(nearCa.notAfter).toEqual(new Date('2030-06-01T00:00:00Z'));
  });
});

describe('caCommonName', () => {
  it('names the host and a random suffix, within the 64 characters a CN may hold', () => {
    expect(caCommonName('dev-laptop.local', 'a1b2c3')).toBe('Hookbench Local CA (dev-laptop a1b2c3)');
    const long = caCommonName('x'.repeat(100), 'a1b2c3');
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(/^Hookbench Local CA \(x+ a1b2c3\)$/);
    expect(caCommonName('', 'a1b2c3')).toBe('Hookbench Local CA (a1b2c3)');
  });
});
