import { ensureTlsMaterial } from '../../../electron/engine/tls/local-ca.js';
import { startRelay, type Relay, type RelayOptions } from '../../../electron/relay/relay-server.js';
import type { RelayToken } from '../../../electron/relay/relay-tokens.js';
import { tempDir } from '../../support/temp-dir.js';

export const TOKEN_A = 'token-a-0123456789abcdef';
export const TOKEN_B = 'token-b-0123456789abcdef';

export function tokens(...values: Array<string | { token: string; names: string[] }>): RelayToken[] {
  return values.map((v, i) =>
    typeof v === 'string' ? { token: v, names: [], label: `test #${i + 1}` } : { ...v, label: `test #${i + 1}` },
  );
}

export interface TestTls {
  cert: string;
  key: string;
  /** What a client trusts: the generated CA, written as a file too. */
  caPem: string;
  caFile: string;
  remove(): void;
}

/** A real certificate for localhost/127.0.0.1 from a freshly generated CA. */
export async function makeTestTls(): Promise<TestTls> {
  const dir = tempDir('hookbench-relay-tls-');
  const material = await ensureTlsMaterial(dir.path);
  return {
    cert: material.serverCertPem,
    key: material.serverKeyPem,
    caPem: material.caCertPem,
    caFile: material.caCertPath,
    remove: dir.remove,
  };
}

/** The relay in this process on a free loopback port, with short timers unless told otherwise. */
export function startTestRelay(options: Partial<RelayOptions> = {}): Promise<Relay> {
  return startRelay({
    host: '127.0.0.1',
    port: 0,
    tokens: tokens(TOKEN_A, TOKEN_B),
    heartbeatMs: 1_000,
    drainMs: 2_000,
    ...options,
  });
}
