import { afterEach, describe, expect, it } from 'vitest';
import { jsonResponse, type CapturedRequest } from '../../electron/engine/inbound/captured-request.js';
import { rawRequest } from '../support/raw-http.js';
import { startAppClient } from './support/app-client.js';
import { startTestRelay, TOKEN_A } from './support/relay-fixture.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Bytes as given, to the relay, without half-closing (a half-close means "gone" to the relay). */
function exchange(url: string, bytes: Buffer | string) {
  const { hostname, port } = new URL(url);
  return rawRequest(Number(port), bytes, hostname, { halfClose: false });
}

async function tunnel() {
  const arrived: CapturedRequest[] = [];
  const relay = await startTestRelay({ heartbeatMs: 500 });
  cleanups.push(() => relay.close());
  const { client, url } = await startAppClient(relay.url, TOKEN_A, (request) => {
    arrived.push(request);
    return Promise.resolve(jsonResponse(201, { method: request.method, size: request.body.byteLength }));
  });
  cleanups.push(() => client.stop(0));
  return { url, arrived, path: new URL(url).pathname };
}

describe('methods Node does not know, through the relay', () => {
  it("reach the app with their method, headers and exact body, and the app's answer comes back", async () => {
    const { url, arrived, path } = await tunnel();
    const body = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x41]);
    const answer = await exchange(
      url,
      Buffer.concat([
        Buffer.from(`FOO ${path}/hooks?x=1 HTTP/1.1\r\nHost: relay\r\nX-Case: Kept\r\nContent-Length: 5\r\n\r\n`, 'latin1'),
        body,
      ]),
    );
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body.toString())).toEqual({ method: 'FOO', size: 5 });
    expect(arrived).toHaveLength(1);
    expect(arrived[0]).toMatchObject({ method: 'FOO', target: '/hooks?x=1' });
    expect(arrived[0].headers).toContainEqual(['X-Case', 'Kept']);
    expect(Buffer.from(arrived[0].body).equals(body)).toBe(true);
  });

  it('take a chunked body, and a malformed request still gets 400 without reaching the app', async () => {
    const { url, arrived, path } = await tunnel();
    const chunked = await exchange(
      url,
      `BREW ${path}/pot HTTP/1.1\r\nHost: relay\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n`,
    );
    expect(chunked.status).toBe(201);
    expect(Buffer.from(arrived[0].body).toString()).toBe('abcde');

    const malformed = await exchange(url, `BREW ${path}/pot HTTP/1.1\r\nNo colon here\r\n\r\n`);
    expect(malformed.status).toBe(400);
    expect(malformed.head).toContain('X-Hookbench-Relay-Error: bad_request');
    expect(arrived).toHaveLength(1);
  });
});
