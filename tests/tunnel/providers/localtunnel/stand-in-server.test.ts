import { describe, expect, it } from 'vitest';
import { ForwardedForInserter } from '../../support/forwarded-for-inserter.js';

/** Feeds `input` through the inserter in pieces of `size` bytes and returns what comes out. */
async function through(input: string, size: number): Promise<string> {
  const inserter = new ForwardedForInserter('203.0.113.7');
  const out: Buffer[] = [];
  inserter.on('data', (chunk: Buffer) => out.push(chunk));
  const bytes = Buffer.from(input, 'latin1');
  for (let at = 0; at < bytes.length; at += size) inserter.write(bytes.subarray(at, at + size));
  inserter.end();
  await new Promise((resolve) => inserter.once('end', resolve));
  return Buffer.concat(out).toString('latin1');
}

const XFF = 'X-Forwarded-For: 203.0.113.7\r\n';

describe('the localtunnel stand-in’s X-Forwarded-For', () => {
  it('is added to the end of every head on a kept-alive connection, bodies and chunk framing untouched', async () => {
    const first = 'POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\n\r\n\r\nbody';
    const second = 'POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n\r\n\r\n\r\n0\r\nX-Trailer: t\r\n\r\n';
    const third = 'GET /c HTTP/1.1\r\nHost: x\r\n\r\n';
    const expected =
      `POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n${XFF}\r\n\r\n\r\nbody` +
      `POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n${XFF}\r\n4;ext=1\r\n\r\n\r\n\r\n0\r\nX-Trailer: t\r\n\r\n` +
      `GET /c HTTP/1.1\r\nHost: x\r\n${XFF}\r\n`;
    for (const size of [1, 3, 7, 1000]) expect(await through(first + second + third, size)).toBe(expected);
  });

  it('passes everything after an upgrade as it is', async () => {
    const input = 'GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n\x81\x02hi GET / HTTP/1.1\r\n\r\n';
    expect(await through(input, 5)).toBe(
      `GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n${XFF}\r\n\x81\x02hi GET / HTTP/1.1\r\n\r\n`,
    );
  });
});
