import type { Body, RecordBody } from '../../../../shared/api/common.js';
import type { BodyPart } from '../../services/deliveries/deliveries-api.js';
import { inlineBody } from './body-bytes.js';

export interface DeliveryBodySource {
  getBody(id: string, part: BodyPart): Promise<Uint8Array>;
}

/** Deferred bodies run to many MiB: keep only the last few, enough to flick between tabs without refetching. */
const CACHE_SIZE = 4;

/** Deferred bodies (larger than the record's inline limit), fetched as raw bytes when a view needs them. */
export class DeliveryBodies {
  private cache = new Map<string, Promise<Body>>();

  constructor(private readonly source: DeliveryBodySource) {}

  /** A record's body itself, for actions that need the bytes (copy as curl, try a secret): inline as it is, deferred fetched. */
  resolve(id: string, part: BodyPart, body: RecordBody): Promise<Body> {
    return body.encoding === 'deferred' ? this.load(id, part, body.size) : Promise.resolve(body);
  }

  /** `size` is the deferred body's: a response recorded again under the same id is a different body. */
  load(id: string, part: BodyPart, size: number): Promise<Body> {
    const key = `${id}\u0000${part}\u0000${size}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const body = this.source.getBody(id, part).then(inlineBody);
    body.catch(() => this.cache.delete(key));
    this.cache.set(key, body);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return body;
  }
}
