import { randomBytes, webcrypto } from 'node:crypto';
import os from 'node:os';
import { x509 } from './x509-provider.js';
import { BACKDATE_MS, SERVER_DNS_NAMES, SERVER_IP_ADDRESSES } from './server-cert-renewal.js';

// ECDSA P-256: generated in milliseconds, and accepted by Node's TLS and every current browser.
const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' };

export const CA_VALIDITY_YEARS = 10;
/** RFC 5280 caps a CN at 64 characters. */
const MAX_COMMON_NAME_LENGTH = 64;

/** A certificate and its private key, both PEM (the key as PKCS#8). */
export interface CertificateWithKey {
  certPem: string;
  keyPem: string;
}

/** A self-signed CA that may sign end-entity certificates only (path length 0). */
export async function createCertificateAuthority(now: Date, hostname = os.hostname()): Promise<CertificateWithKey> {
  const keys = await generateKeyPair();
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_VALIDITY_YEARS);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialNumber(),
    name: [{ O: ['Hookbench'] }, { CN: [caCommonName(hostname, randomBytes(3).toString('hex'))] }],
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportPrivateKeyPem(keys.privateKey) };
}

/** A TLS server certificate for localhost, 127.0.0.1 and ::1, signed by the CA. */
export async function issueServerCertificate(
  ca: CertificateWithKey,
  validity: { notBefore: Date; notAfter: Date },
): Promise<CertificateWithKey> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKeyId = caCert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  const keys = await generateKeyPair();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject: [{ O: ['Hookbench'] }, { CN: ['localhost'] }],
    issuer: caCert.subjectName,
    notBefore: validity.notBefore,
    notAfter: validity.notAfter,
    publicKey: keys.publicKey,
    signingKey: await importSigningKey(ca.keyPem),
    signingAlgorithm: SIGNING_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...SERVER_DNS_NAMES.map((value) => ({ type: 'dns' as const, value })),
        ...SERVER_IP_ADDRESSES.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      caKeyId ? new x509.AuthorityKeyIdentifierExtension(caKeyId) : await x509.AuthorityKeyIdentifierExtension.create(caCert.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await exportPrivateKeyPem(keys.privateKey) };
}

/** "Hookbench Local CA (<short hostname> <suffix>)", so two installs are told apart in a trust store. */
export function caCommonName(hostname: string, suffix: string): string {
  const shortHost = hostname.split('.')[0].trim();
  const label = shortHost ? `${shortHost} ${suffix}` : suffix;
  const room = MAX_COMMON_NAME_LENGTH - 'Hookbench Local CA ()'.length;
  const fitted = label.length > room ? `${shortHost.slice(0, room - suffix.length - 1)} ${suffix}` : label;
  return `Hookbench Local CA (${fitted})`;
}

async function generateKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

async function importSigningKey(keyPem: string): Promise<webcrypto.CryptoKey> {
  const der = x509.PemConverter.decodeFirst(keyPem);
  return await webcrypto.subtle.importKey('pkcs8', der, KEY_ALGORITHM, false, ['sign']);
}

async function exportPrivateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function randomSerialNumber(): string {
  return randomBytes(16).toString('hex');
}
