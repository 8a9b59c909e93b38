import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { HookbenchError } from '../../../shared/errors.js';
import { createCertificateAuthority, issueServerCertificate, type CertificateWithKey } from './certificate-authority.js';
import { serverCertNeedsRenewal, serverCertValidity, type ServerCertFacts } from './server-cert-renewal.js';
import { OWNER_ONLY, WORLD_READABLE, readFileIfPresent, writeFileAtomic } from './tls-files.js';
import { x509 } from './x509-provider.js';

/** What the HTTPS receiver serves, and where the CA certificate a user trusts lives. */
export interface TlsMaterial {
  caCertPem: string;
  caCertPath: string;
  serverCertPem: string;
  serverKeyPem: string;
}

export interface TlsPaths {
  dir: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
}

interface LoadedCa extends CertificateWithKey {
  cert: X509Certificate;
}

export function tlsPaths(dataDir: string): TlsPaths {
  const dir = path.join(dataDir, 'tls');
  return {
    dir,
    caCert: path.join(dir, 'ca.pem'),
    caKey: path.join(dir, 'ca-key.pem'),
    serverCert: path.join(dir, 'server.pem'),
    serverKey: path.join(dir, 'server-key.pem'),
  };
}

/**
 * Loads the local CA and the HTTPS server certificate from `<dataDir>/tls/`, creating them on
 * first start. The CA is never replaced once written (users have trusted it); the server
 * certificate is reissued when it nears expiry or no longer fits the rules.
 */
export async function ensureTlsMaterial(dataDir: string): Promise<TlsMaterial> {
  const paths = tlsPaths(dataDir);
  await guardWrite(paths.dir, () => mkdir(paths.dir, { recursive: true, mode: 0o700 }));
  const now = new Date();
  const ca = (await loadCa(paths, now)) ?? (await storeNewCa(paths, now));
  const current = await loadServerCert(paths, ca);
  const server = current && !serverCertNeedsRenewal(current.facts, now) ? current : await storeNewServerCert(paths, ca, now);
  return {
    caCertPem: ca.certPem,
    caCertPath: paths.caCert,
    serverCertPem: server.certPem,
    serverKeyPem: server.keyPem,
  };
}

async function loadCa(paths: TlsPaths, now: Date): Promise<LoadedCa | null> {
  const remedy = caRemedy(paths);
  const certPem = await readMaterial(paths.caCert, remedy);
  // ca.pem is written last, so a key without it is an unfinished first start nobody can have trusted.
  if (certPem === null) return null;
  const keyPem = await readMaterial(paths.caKey, remedy);
  if (keyPem === null) {
    throw invalid(paths.caKey, 'is missing, so the local CA can no longer sign server certificates', remedy);
  }
  const cert = parseCertificate(certPem, paths.caCert, remedy);
  const key = parsePrivateKey(keyPem, paths.caKey, remedy);
  if (!cert.ca) throw invalid(paths.caCert, 'is not a CA certificate', remedy);
  if (!keyMatches(cert, key)) throw invalid(paths.caKey, `does not hold the private key of ${paths.caCert}`, remedy);
  if (new Date(cert.validTo).getTime() <= now.getTime()) {
    throw invalid(paths.caCert, `expired on ${cert.validTo}`, remedy);
  }
  if (!isP256(key)) throw invalid(paths.caKey, 'is not an ECDSA P-256 key, the only kind Hookbench signs with', remedy);
  await keepOwnerOnly(paths.caKey);
  return { certPem, keyPem, cert };
}

async function storeNewCa(paths: TlsPaths, now: Date): Promise<LoadedCa> {
  const ca = await createCertificateAuthority(now);
  await guardWrite(paths.caKey, () => writeFileAtomic(paths.caKey, ca.keyPem, OWNER_ONLY));
  await guardWrite(paths.caCert, () => writeFileAtomic(paths.caCert, ca.certPem, WORLD_READABLE));
  return { ...ca, cert: new X509Certificate(ca.certPem) };
}

async function loadServerCert(paths: TlsPaths, ca: LoadedCa): Promise<(CertificateWithKey & { facts: ServerCertFacts }) | null> {
  const remedy = serverRemedy(paths);
  const certPem = await readMaterial(paths.serverCert, remedy);
  const keyPem = await readMaterial(paths.serverKey, remedy);
  if (certPem === null || keyPem === null) return null;
  const cert = parseCertificate(certPem, paths.serverCert, remedy);
  const key = parsePrivateKey(keyPem, paths.serverKey, remedy);
  await keepOwnerOnly(paths.serverKey);
  return { certPem, keyPem, facts: serverCertFacts(cert, key, ca.cert) };
}

async function storeNewServerCert(paths: TlsPaths, ca: LoadedCa, now: Date): Promise<CertificateWithKey> {
  const server = await issueServerCertificate(ca, serverCertValidity(now, new Date(ca.cert.validTo)));
  // Key first: a crash in between leaves a key that does not match server.pem, which triggers a reissue.
  await guardWrite(paths.serverKey, () => writeFileAtomic(paths.serverKey, server.keyPem, OWNER_ONLY));
  await guardWrite(paths.serverCert, () => writeFileAtomic(paths.serverCert, server.certPem, WORLD_READABLE));
  return server;
}

function serverCertFacts(cert: X509Certificate, key: KeyObject, caCert: X509Certificate): ServerCertFacts {
  const parsed = new x509.X509Certificate(cert.raw);
  const names = parsed.getExtension(x509.SubjectAlternativeNameExtension)?.names.items ?? [];
  return {
    notBefore: parsed.notBefore,
    notAfter: parsed.notAfter,
    dnsNames: names.filter((name) => name.type === 'dns').map((name) => name.value),
    ipAddresses: names.filter((name) => name.type === 'ip').map((name) => name.value),
    issuedByCa: cert.checkIssued(caCert) && cert.verify(caCert.publicKey),
    matchesKey: keyMatches(cert, key),
  };
}

async function readMaterial(file: string, remedy: string): Promise<string | null> {
  try {
    return await readFileIfPresent(file);
  } catch (error) {
    const problem = `cannot be read (${errorCode(error)})`;
    throw invalid(file, problem, `Give the user running Hookbench read access to it; if it is damaged instead: ${remedy}`);
  }
}

function parseCertificate(pem: string, file: string, remedy: string): X509Certificate {
  try {
    const cert = new X509Certificate(pem);
    new x509.X509Certificate(cert.raw); // the reader of SANs and dates must accept it too
    return cert;
  } catch (error) {
    throw invalid(file, 'is not a valid PEM certificate', remedy, error);
  }
}

function parsePrivateKey(pem: string, file: string, remedy: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (error) {
    throw invalid(file, 'is not a valid PEM private key', remedy, error);
  }
}

function keyMatches(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return cert.checkPrivateKey(key);
  } catch {
    return false;
  }
}

function isP256(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
}

// A key file copied or restored with looser permissions is narrowed back to its owner.
async function keepOwnerOnly(file: string): Promise<void> {
  if (process.platform === 'win32') return;
  const { mode } = await stat(file);
  if ((mode & 0o777) !== OWNER_ONLY) await guardWrite(file, () => chmod(file, OWNER_ONLY));
}

async function guardWrite(file: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw new HookbenchError(
      'TLS_MATERIAL_WRITE_FAILED',
      `Could not write ${file} (${errorCode(error)}). ` +
        'Check that the data folder is writable and the disk has room, then start Hookbench again.',
      500,
      { cause: String(error) },
    );
  }
}

function invalid(file: string, problem: string, remedy: string, cause?: unknown): HookbenchError {
  return new HookbenchError(
    'TLS_MATERIAL_INVALID',
    `${file} ${problem}. ${remedy}`,
    500,
    cause === undefined ? undefined : { cause: cause instanceof Error ? cause.toString() : JSON.stringify(cause) },
  );
}

function caRemedy(paths: TlsPaths): string {
  return `Delete the folder ${paths.dir} to make a new local CA, then trust the new ca.pem in place of the old one.`;
}

function serverRemedy(paths: TlsPaths): string {
  return `Delete server.pem and server-key.pem in ${paths.dir}; the next start makes a new server certificate from the same CA.`;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}
