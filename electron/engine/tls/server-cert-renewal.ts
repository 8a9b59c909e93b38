/** The names every client of the local HTTPS receiver may use to reach it. */
export const SERVER_DNS_NAMES: readonly string[] = ['localhost'];
export const SERVER_IP_ADDRESSES: readonly string[] = ['127.0.0.1', '::1'];

/** A server certificate is replaced once it has fewer days than this left. */
export const RENEW_WITHIN_DAYS = 30;
/** Apple refuses TLS server certificates valid for more than 825 days; notAfter is inclusive. */
export const SERVER_CERT_VALIDITY_DAYS = 824;
/** Tolerates a client clock that runs a little behind the machine that issued the certificate. */
export const BACKDATE_MS = 60 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the renewal rule needs to know about the server certificate on disk. */
export interface ServerCertFacts {
  notBefore: Date;
  notAfter: Date;
  dnsNames: readonly string[];
  ipAddresses: readonly string[];
  /** Signed by the current local CA. */
  issuedByCa: boolean;
  /** server-key.pem holds the private key of this certificate. */
  matchesKey: boolean;
}

export function serverCertNeedsRenewal(cert: ServerCertFacts, now: Date): boolean {
  if (!cert.issuedByCa || !cert.matchesKey) return true;
  if (now.getTime() < cert.notBefore.getTime()) return true;
  if (cert.notAfter.getTime() - now.getTime() < RENEW_WITHIN_DAYS * DAY_MS) return true;
  const dnsNames = new Set(cert.dnsNames.map((name) => name.toLowerCase()));
  const ipAddresses = new Set(cert.ipAddresses.map(canonicalIp));
  return !SERVER_DNS_NAMES.every((name) => dnsNames.has(name)) || !SERVER_IP_ADDRESSES.every((ip) => ipAddresses.has(canonicalIp(ip)));
}

/** The validity window of a new server certificate; it never outlives the CA that signs it. */
export function serverCertValidity(now: Date, caNotAfter: Date): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(now.getTime() - BACKDATE_MS);
  const wanted = notBefore.getTime() + SERVER_CERT_VALIDITY_DAYS * DAY_MS;
  return { notBefore, notAfter: new Date(Math.min(wanted, caNotAfter.getTime())) };
}

/** One spelling per address ("0:0:0:0:0:0:0:1" and "::1" compare equal), via the WHATWG URL parser. */
export function canonicalIp(ip: string): string {
  try {
    return new URL(`http://${ip.includes(':') ? `[${ip}]` : ip}/`).hostname;
  } catch {
    return ip;
  }
}
