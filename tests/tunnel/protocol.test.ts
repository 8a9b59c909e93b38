import { describe, expect, it } from 'vitest';
import {
  ClientFrame,
  DATA_HEADER_BYTES,
  FEATURE_QUEUED,
  Hello,
  RelayFrame,
  RequestHead,
  ReceiveWindow,
  SendWindow,
  decodeDataFrame,
  encodeDataFrame,
} from '../../shared/tunnel-protocol.js';

describe('tunnel data frames', () => {
  it('carry every byte value unchanged behind a 5-byte header with the stream id and END flag', () => {
    const payload = Uint8Array.from({ length: 256 }, (_, i) => i);
    const frame = encodeDataFrame(0xfedcba98, payload, true);
    expect(frame.byteLength).toBe(DATA_HEADER_BYTES + 256);
    const decoded = decodeDataFrame(frame)!;
    expect(decoded.stream).toBe(0xfedcba98);
    expect(decoded.end).toBe(true);
    expect(Buffer.from(decoded.payload).equals(Buffer.from(payload))).toBe(true);
  });

  it('may be empty (a bare END)', () => {
    const decoded = decodeDataFrame(encodeDataFrame(7, new Uint8Array(0), true))!;
    expect(decoded).toMatchObject({ stream: 7, end: true });
    expect(decoded.payload.byteLength).toBe(0);
  });

  it('are refused when too short, with unknown flags, or for stream 0', () => {
    expect(decodeDataFrame(new Uint8Array([1, 0, 0]))).toBeNull();
    expect(decodeDataFrame(new Uint8Array([0x82, 0, 0, 0, 1]))).toBeNull();
    expect(decodeDataFrame(new Uint8Array([0, 0, 0, 0, 0]))).toBeNull();
  });
});

describe('tunnel control frames', () => {
  it('keep raw headers as ordered pairs with their case and duplicates', () => {
    const headers: Array<[string, string]> = [
      ['X-B', '1'],
      ['x-a', '2'],
      ['X-B', '3'],
    ];
    const frame = RelayFrame.parse(
      JSON.parse(
        JSON.stringify({
          type: 'request',
          stream: 1,
          method: 'POST',
          target: '/i/x?y=1',
          headers,
          remote_address: '203.0.113.9',
          tls: true,
          end: false,
        }),
      ),
    );
    expect(frame.type === 'request' && frame.headers).toEqual(headers);
  });

  it('reject frames that do not match the schema', () => {
    expect(ClientFrame.safeParse({ type: 'response', stream: 0, status: 200, headers: [], end: true }).success).toBe(false);
    expect(ClientFrame.safeParse({ type: 'response', stream: 1, status: 99, headers: [], end: true }).success).toBe(false);
    expect(ClientFrame.safeParse({ type: 'credit', stream: 1, bytes: -5 }).success).toBe(false);
    expect(ClientFrame.safeParse({ type: 'hello', version: 1, window: 10 }).success).toBe(false);
    expect(ClientFrame.safeParse({ type: 'hello', version: 1, window: 65536, tunnel_id: 'Not A Label' }).success).toBe(false);
    expect(ClientFrame.safeParse({ type: 'welcome' }).success).toBe(false);
  });
});

describe('queued requests in the protocol, old and new peers together', () => {
  const head = {
    type: 'request',
    stream: 3,
    method: 'POST',
    target: '/hook',
    headers: [],
    remote_address: null,
    tls: true,
    end: true,
    queued: { id: 'rq_0mxb0000000000000000', queued_at: 1_700_000_000_000, answered: { status: 202, body: '{"queued":true}' } },
  };

  it('an app that predates the queue reads a queued request as a plain one (unknown fields are dropped)', () => {
    const before = RequestHead.omit({ queued: true });
    expect(before.parse(head)).not.toHaveProperty('queued');
    expect(RelayFrame.parse(head)).toMatchObject({ queued: { id: 'rq_0mxb0000000000000000', queued_at: 1_700_000_000_000 } });
  });

  it('a relay that predates the queue takes the new hello and goaway as the old ones', () => {
    const before = Hello.omit({ features: true });
    const hello = { type: 'hello', version: 1, window: 65536, features: [FEATURE_QUEUED, 'something-later'] };
    expect(before.parse(hello)).toEqual({ type: 'hello', version: 1, window: 65536 });
    expect(ClientFrame.parse(hello)).toMatchObject({ features: ['queued', 'something-later'] });
    expect(ClientFrame.parse({ type: 'goaway', off: true })).toEqual({ type: 'goaway', off: true });
    expect(ClientFrame.parse({ type: 'goaway' })).toEqual({ type: 'goaway' });
  });

  it('checks acknowledgements and queue notices', () => {
    expect(ClientFrame.safeParse({ type: 'queued_ack', stream: 3, status: 200 }).success).toBe(true);
    // A 5xx is never an acknowledgement: an app that could not store resets the stream instead.
    expect(ClientFrame.safeParse({ type: 'queued_ack', stream: 3, status: 503 }).success).toBe(false);
    expect(RelayFrame.safeParse({ type: 'queue_notice', waiting: 12, dropped_expired: 0, refused_full: 1 }).success).toBe(true);
    expect(RelayFrame.safeParse({ type: 'queue_notice', waiting: -1, dropped_expired: 0, refused_full: 0 }).success).toBe(false);
    expect(RelayFrame.safeParse({ ...head, queued: { ...head.queued, answered: { status: 500, body: '' } } }).success).toBe(false);
  });
});

describe('per-stream windows', () => {
  it('let a sender send only what was granted', () => {
    const window = new SendWindow(100);
    window.take(60);
    expect(window.available).toBe(40);
    window.take(40);
    expect(window.available).toBe(0);
    window.grant(25);
    expect(window.available).toBe(25);
  });

  it('grant credit back in batches of half a window and notice a peer that overruns', () => {
    const window = new ReceiveWindow(1000);
    expect(window.receive(400)).toBe(true);
    expect(window.release(400)).toBe(0);
    expect(window.receive(600)).toBe(true);
    expect(window.release(100)).toBe(500);
    expect(window.receive(500)).toBe(true);
    expect(window.receive(1)).toBe(false);
  });
});
