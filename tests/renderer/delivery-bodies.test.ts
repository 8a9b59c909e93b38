import { describe, expect, it } from 'vitest';
import type { RecordBody } from '../../shared/api/common.js';
import { bodyBytes, bodyText, inlineBody } from '../../renderer/src/model/delivery/body-bytes.js';
import { DeliveryBodies } from '../../renderer/src/model/delivery/delivery-bodies.js';
import type { BodyPart } from '../../renderer/src/services/deliveries/deliveries-api.js';

function fakeSource(answers: (Uint8Array | Error)[]) {
  const calls: [string, BodyPart][] = [];
  return {
    calls,
    getBody(id: string, part: BodyPart): Promise<Uint8Array> {
      calls.push([id, part]);
      const answer = answers.shift();
      if (!answer || answer instanceof Error) return Promise.reject(answer ?? new Error('no more answers'));
      return Promise.resolve(answer);
    },
  };
}

describe('fetched bodies', () => {
  it('turns fetched bytes into text when they are UTF-8, keeping a byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"a":"é"}')]);
    const body = inlineBody(bytes);
    expect(body).toEqual({ encoding: 'utf8', data: '\ufeff{"a":"é"}', size: bytes.byteLength });
    expect(bodyBytes(body)).toEqual(bytes);
  });

  it('keeps bytes that are not UTF-8 exactly, as base64, without decoding them back for the hex view', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7 + 0x80) & 0xff);
    const body = inlineBody(bytes);
    expect(body.encoding).toBe('base64');
    expect(Buffer.from(body.data, 'base64').equals(Buffer.from(bytes))).toBe(true);
    expect(bodyBytes(body)).toBe(bytes);
    expect(bodyText(body)).toContain('\ufffd');
  });

  it('fetches a deferred body once, and hands inline ones back without a request', async () => {
    const source = fakeSource([new TextEncoder().encode('big')]);
    const bodies = new DeliveryBodies(source);
    const deferred: RecordBody = { encoding: 'deferred', size: 3, href: '/api/deliveries/dlv_1/body?part=request' };
    const [first, second] = await Promise.all([bodies.resolve('dlv_1', 'request', deferred), bodies.resolve('dlv_1', 'request', deferred)]);
    expect(first).toEqual({ encoding: 'utf8', data: 'big', size: 3 });
    expect(second).toBe(first);
    const inline: RecordBody = { encoding: 'utf8', data: 'small', size: 5 };
    expect(await bodies.resolve('dlv_2', 'request', inline)).toBe(inline);
    expect(source.calls).toEqual([['dlv_1', 'request']]);
  });

  it('asks again after a failed fetch, so "try again" can succeed', async () => {
    const source = fakeSource([new Error('Cannot reach the Hookbench engine'), new TextEncoder().encode('ok')]);
    const bodies = new DeliveryBodies(source);
    await expect(bodies.load('dlv_1', 'response', 2)).rejects.toThrow('Cannot reach');
    await expect(bodies.load('dlv_1', 'response', 2)).resolves.toMatchObject({ data: 'ok' });
    expect(source.calls).toEqual([
      ['dlv_1', 'response'],
      ['dlv_1', 'response'],
    ]);
  });
});
