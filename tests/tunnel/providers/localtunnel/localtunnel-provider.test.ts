import { afterEach, describe, expect, it } from 'vitest';
import { startLocaltunnelServer, type LocaltunnelServer } from '../../support/localtunnel-server.js';
import { waitUntil } from '../../support/wait.js';
import {
  isFailed,
  isOnline,
  isReconnecting,
  providerUnderTest,
  rawExchange,
  startRawIngress,
  type RawIngress,
} from './provider-harness.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(options?: Parameters<typeof startLocaltunnelServer>[0]): Promise<LocaltunnelServer> {
  const started = await startLocaltunnelServer(options);
  cleanups.push(() => started.stop());
  return started;
}

async function ingress(answer: (request: Buffer) => Buffer = () => OK, options?: { closeAfterAnswer?: boolean }): Promise<RawIngress> {
  const started = await startRawIngress(answer, options);
  cleanups.push(() => started.close());
  return started;
}

function provider(ingressPort: number, settings: Parameters<typeof providerUnderTest>[1]) {
  const harness = providerUnderTest(ingressPort, settings);
  cleanups.push(() => harness.provider.stop(0));
  return harness;
}

const OK = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok', 'latin1');
const bytes = (from: number, count: number, step: number) =>
  Buffer.from(Array.from({ length: count }, (_, i) => (from + i * step + 256) % 256));

describe('localtunnel provider', () => {
  it('carries a request to the target byte for byte and its answer back unchanged', async () => {
    const body = bytes(0, 256, 1);
    const head =
      'POST /i/orders/hook?b=2&a=1 HTTP/1.1\r\n' +
      'Host: orders.loca.lt\r\n' +
      'X-Signature: t=1,v1=abc\r\n' +
      'x-DUP: first\r\n' +
      'X-Dup: second\r\n' +
      'Content-Type: application/octet-stream\r\n' +
      `Content-Length: ${body.length}\r\n`;
    const answerBody = bytes(255, 300, -1);
    const answer = Buffer.concat([
      Buffer.from(
        'HTTP/1.1 201 Created\r\n' +
          'x-Zeta: last-first\r\n' +
          'set-cookie: a=1; Path=/\r\n' +
          'Set-Cookie: b=2; HttpOnly\r\n' +
          'X-alpha: 2\r\n' +
          `Content-Length: ${answerBody.length}\r\n` +
          'Connection: close\r\n\r\n',
        'latin1',
      ),
      answerBody,
    ]);
    const target = await ingress(() => answer);
    const lt = await server();
    const { provider: tunnel, nextReport } = provider(target.port, { host: lt.url });
    await tunnel.start();
    const online = await nextReport(isOnline);

    const received = await rawExchange(online.url, Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), body]));

    expect(received.equals(answer)).toBe(true);
    // The server's proxy adds X-Forwarded-For at the end of the head; every other byte is the sender's.
    const expected = Buffer.concat([Buffer.from(`${head}X-Forwarded-For: 127.0.0.1\r\n\r\n`, 'latin1'), body]);
    expect(target.requests).toHaveLength(1);
    expect(target.requests[0].toString('latin1')).toBe(expected.toString('latin1'));
    expect(target.requests[0].equals(expected)).toBe(true);
  });

  it('goes online with the URL the server gives and saves the subdomain it was granted', async () => {
    const target = await ingress();
    const lt = await server();
    const { provider: tunnel, nextReport, subdomains } = provider(target.port, { host: `${lt.url}/` });
    await tunnel.start();
    const online = await nextReport(isOnline);
    const granted = lt.tunnels()[0];
    expect(online).toEqual({ state: 'online', url: granted.url, urlStable: false, tunnelId: granted.id });
    expect(subdomains).toEqual([granted.id]);
    expect(lt.registrations).toEqual(['/?new']);
    await waitUntil(() => granted.connected() === 10, 'the pool to hold max_conn_count sockets');
  });

  it('replaces sockets the server closes and stays online', async () => {
    const target = await ingress();
    const lt = await server({ maxConnCount: 4 });
    const { provider: tunnel, nextReport, reports } = provider(target.port, { host: lt.url });
    await tunnel.start();
    const online = await nextReport(isOnline);
    const granted = lt.tunnels()[0];
    await waitUntil(() => granted.connected() === 4, 'four sockets');

    lt.killClients();
    await waitUntil(() => granted.connected() === 4, 'four sockets again');

    expect(reports.map((r) => r.state)).toEqual(['starting', 'online']);
    expect((await rawExchange(online.url, Buffer.from('GET /i/x HTTP/1.1\r\nHost: x\r\n\r\n'))).equals(OK)).toBe(true);
  });

  it('reconnects after the server dies and comes back online with the same subdomain and URL', async () => {
    const target = await ingress();
    const lt = await server();
    const { provider: tunnel, nextReport, reports, subdomains } = provider(target.port, { host: lt.url });
    await tunnel.start();
    const first = await nextReport(isOnline);

    await lt.stop();
    const lost = await nextReport(isReconnecting, reports.indexOf(first));
    expect(lost.error.code).toBe('lt_connection_lost');
    expect(lost.error.fix).toMatch(/same subdomain/);
    expect(lost.attempt).toBe(1);

    const before = reports.length;
    await lt.restart();
    const again = await nextReport(isOnline, before);
    expect(again).toEqual({ state: 'online', url: first.url, urlStable: true, tunnelId: first.tunnelId });
    expect(lt.registrations.at(-1)).toBe(`/${first.tunnelId}`);
    expect(subdomains).toEqual([first.tunnelId]);
    expect((await rawExchange(again.url, Buffer.from('GET /i/x HTTP/1.1\r\nHost: x\r\n\r\n'))).equals(OK)).toBe(true);
  });

  it('reports url_timeout as failed when the server accepts but never answers', async () => {
    const target = await ingress();
    const lt = await server({ respond: 'never' });
    const { provider: tunnel, nextReport } = provider(target.port, { host: lt.url, urlTimeoutMs: 300 });
    await tunnel.start();
    const failed = await nextReport(isFailed);
    expect(failed.error.code).toBe('url_timeout');
    expect(failed.error.message).toContain(lt.url);
    expect(failed.error.fix).toBeTruthy();
    expect(lt.registrations).toEqual(['/?new']);
  });

  it('keeps reconnecting with a clear reason while the server refuses connections', async () => {
    const target = await ingress();
    const lt = await server({ respond: 'refuse' });
    const { provider: tunnel, nextReport, reports } = provider(target.port, { host: lt.url });
    await tunnel.start();
    const first = await nextReport(isReconnecting);
    expect(first.error.code).toBe('lt_server_unreachable');
    expect(first.error.message).toContain('ECONNREFUSED');
    await nextReport((r): r is typeof first => isReconnecting(r) && r.attempt === 2 && r.nextAttemptAt !== null);
    expect(reports.some((r) => r.state === 'online' || r.state === 'failed')).toBe(false);
  });

  it('fails with the server’s message and a fix when the subdomain is taken', async () => {
    const target = await ingress();
    const lt = await server();
    const holder = provider(target.port, { host: lt.url, subdomain: 'orders-tunnel' });
    await holder.provider.start();
    await holder.nextReport(isOnline);

    const second = provider(target.port, { host: lt.url, subdomain: 'orders-tunnel' });
    await second.provider.start();
    const failed = await second.nextReport(isFailed);
    expect(failed.error.code).toBe('lt_subdomain_refused');
    expect(failed.error.message).toContain('Subdomain orders-tunnel is already in use.');
    expect(failed.error.fix).toMatch(/another subdomain/);
    expect(second.subdomains).toEqual([]);
  });

  it('fails with the server’s message when it refuses the subdomain as invalid', async () => {
    const target = await ingress();
    const lt = await server();
    const { provider: tunnel, nextReport } = provider(target.port, { host: lt.url, subdomain: 'ab-c' });
    await tunnel.start();
    const failed = await nextReport(isFailed);
    expect(failed.error.code).toBe('lt_subdomain_refused');
    expect(failed.error.message).toContain('Invalid subdomain.');
  });

  it('reports a subdomain granted as asked as a stable URL', async () => {
    const target = await ingress();
    const lt = await server();
    const { provider: tunnel, nextReport, subdomains } = provider(target.port, { host: lt.url, subdomain: 'orders-tunnel' });
    await tunnel.start();
    const online = await nextReport(isOnline);
    expect(online.tunnelId).toBe('orders-tunnel');
    expect(online.urlStable).toBe(true);
    expect(subdomains).toEqual([]);
  });

  it('closes every socket on stop, to the server and to the target', async () => {
    const kept = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
    const target = await ingress(() => kept, { closeAfterAnswer: false });
    const lt = await server();
    const { provider: tunnel, nextReport } = provider(target.port, { host: lt.url });
    await tunnel.start();
    const online = await nextReport(isOnline);
    const granted = lt.tunnels()[0];
    await waitUntil(() => granted.connected() === 10, 'ten sockets');
    // A request answered on a kept-alive connection leaves a connection to the target open behind it.
    await rawExchange(online.url, Buffer.from('GET /i/x HTTP/1.1\r\nHost: x\r\n\r\n'), (received) => received.equals(kept));
    expect(target.open()).toBe(1);

    await tunnel.stop(0);
    await waitUntil(() => granted.connected() === 0 && target.open() === 0, 'every socket closed');
  });

  it('fails at once on a host that is not an http(s) URL', async () => {
    const target = await ingress();
    const { provider: tunnel, nextReport } = provider(target.port, { host: 'localtunnel.me' });
    await tunnel.start();
    expect((await nextReport(isFailed)).error.code).toBe('lt_host_invalid');
  });
});
