import { readFileSync } from 'node:fs';
import tls from 'node:tls';

type CaSource = 'default' | 'system';
const getCaCertificates = (tls as { getCACertificates?: (source: CaSource) => string[] }).getCACertificates;

function systemCas(): string[] {
  try {
    return getCaCertificates?.('system') ?? [];
  } catch {
    return [];
  }
}

// Node 20 has no getCACertificates, and a `ca` option replaces NODE_EXTRA_CA_CERTS, so read it here.
function extraCasFromEnv(): string[] {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return [];
  try {
    return [readFileSync(file, 'utf8')];
  } catch {
    return [];
  }
}

/**
 * What the sender trusts: Node's CAs (plus the OS store where this Node can read it, plus
 * NODE_EXTRA_CA_CERTS) and the extra PEMs given, namely Hookbench's own local CA.
 */
export function trustedCas(extraPems: readonly string[]): string[] {
  const base = getCaCertificates ? [...getCaCertificates('default'), ...systemCas()] : [...tls.rootCertificates, ...extraCasFromEnv()];
  return [...new Set([...base, ...extraPems])];
}
