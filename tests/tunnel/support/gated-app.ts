import { createHash } from 'node:crypto';
import { jsonResponse, type CapturedRequest } from '../../../electron/engine/inbound/captured-request.js';
import type { Ingest } from '../../../electron/engine/receiver/ingest.js';

/**
 * A stand-in app for the tunnel client: it answers with the SHA-256 of the body it got, but only
 * once the test opens the gate, so a test can hold requests "in the app" as long as it likes.
 */
export function gatedApp() {
  const arrived: CapturedRequest[] = [];
  let open = false;
  let release: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (release = resolve));
  const waiters = new Set<() => void>();

  const ingest: Ingest = async (request) => {
    arrived.push(request);
    for (const waiter of waiters) waiter();
    if (!open) await gate;
    return jsonResponse(200, { ok: true, sha256: createHash('sha256').update(request.body).digest('hex'), size: request.body.byteLength });
  };

  return {
    ingest,
    arrived,
    /** Resolves once `count` requests have reached the app. */
    reached(count: number): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (arrived.length < count) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    open(): void {
      open = true;
      release();
    },
    close(): void {
      open = false;
      gate = new Promise<void>((resolve) => (release = resolve));
    },
  };
}

export const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('hex');
