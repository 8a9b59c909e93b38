import { describe, expect, it } from 'vitest';
import { explainDuplicate } from '../../../shared/inboundflow/duplicate-delivery.js';
import { sign } from '../../../shared/inboundflow/signature.js';

const body = '{"event":"call.completed","delivery_id":"d-1","data":{}}';
const signed = (timestamp: number, bytes = body) => ({
  headers: [
    ['X-InboundFlow-Delivery-Id', 'd-1'],
    ['X-InboundFlow-Timestamp', String(timestamp)],
    ['X-InboundFlow-Signature', sign('s', timestamp, bytes)],
  ] as [string, string][],
  body: bytes as string | null,
});

describe('why a delivery_id arrived twice', () => {
  it('calls the same request byte for byte an exact repeat', () => {
    expect(explainDuplicate(signed(1_709_064_000), signed(1_709_064_000)).kind).toBe('exact_repeat');
  });

  it('calls the same body with a new timestamp and signature a redelivery', () => {
    const explained = explainDuplicate(signed(1_709_064_000), signed(1_709_064_060));
    expect(explained).toMatchObject({ kind: 'redelivery' });
    expect(explained.sentence).toMatch(/as InboundFlow makes them/);
  });

  it('warns when the body differs under the same delivery_id', () => {
    const edited = '{"event":"call.completed","delivery_id":"d-1","data":{"x":1}}';
    expect(explainDuplicate(signed(1_709_064_000), signed(1_709_064_000, edited)).kind).toBe('different_body');
  });

  it('goes by the headers alone when a body is not at hand', () => {
    expect(explainDuplicate(signed(1_709_064_000), { ...signed(1_709_064_000), body: null }).kind).toBe('exact_repeat');
  });
});
