import { crc32 } from 'node:zlib';
import type { RawHeaders } from '../../../shared/api/common.js';

/**
 * One queued request on disk, length-prefixed and checksummed so a torn tail after a crash is
 * recognised and cut off:
 *
 *   u32 payload length | u32 CRC-32 of the payload | payload
 *   payload = f64 queued_at | u8 id length | id (ASCII) | u32 head length | head (JSON) | body bytes
 *
 * The id and the time sit in fixed places so recovery never parses the head. Big-endian throughout.
 */
export interface QueuedRequest {
  /** The relay's request id, given to the sender in the 202 and to the app with the request. */
  id: string;
  /** When the relay received it, ms since the epoch. */
  queuedAt: number;
  method: string;
  target: string;
  headers: RawHeaders;
  remoteAddress: string | null;
  tls: boolean;
  body: Buffer;
}

/** What recovery needs of a record without decoding it. */
export interface RecordFacts {
  id: string;
  queuedAt: number;
  /** Bytes the record takes in its file, prefix included. */
  length: number;
}

export const RECORD_PREFIX_BYTES = 8;
/** A segment file starts with this, so a file that is not a queue segment is never read as one. */
export const SEGMENT_MAGIC = Buffer.from('HBQSEG01', 'latin1');
// A sanity bound for the length field: anything larger is a torn or foreign record.
const MAX_PAYLOAD_BYTES = 1024 * 1024 * 1024;

export function encodeRecord(request: QueuedRequest): Buffer {
  const id = Buffer.from(request.id, 'latin1');
  const head = Buffer.from(
    JSON.stringify({
      method: request.method,
      target: request.target,
      headers: request.headers,
      remote_address: request.remoteAddress,
      tls: request.tls,
    }),
  );
  const payloadLength = 8 + 1 + id.byteLength + 4 + head.byteLength + request.body.byteLength;
  const record = Buffer.allocUnsafe(RECORD_PREFIX_BYTES + payloadLength);
  let at = RECORD_PREFIX_BYTES;
  at = record.writeDoubleBE(request.queuedAt, at);
  at = record.writeUInt8(id.byteLength, at);
  at += id.copy(record, at);
  at = record.writeUInt32BE(head.byteLength, at);
  at += head.copy(record, at);
  request.body.copy(record, at);
  record.writeUInt32BE(payloadLength, 0);
  record.writeUInt32BE(crc32(record.subarray(RECORD_PREFIX_BYTES)), 4);
  return record;
}

/**
 * The record starting at `offset`, or null when what is there is not a whole, intact record (a
 * torn write, or bytes that were never a record): the rest of the file from there is unusable.
 */
export function readRecordFacts(buffer: Buffer, offset: number): RecordFacts | null {
  if (offset + RECORD_PREFIX_BYTES > buffer.byteLength) return null;
  const payloadLength = buffer.readUInt32BE(offset);
  if (payloadLength < 13 || payloadLength > MAX_PAYLOAD_BYTES) return null;
  const end = offset + RECORD_PREFIX_BYTES + payloadLength;
  if (end > buffer.byteLength) return null;
  const payload = buffer.subarray(offset + RECORD_PREFIX_BYTES, end);
  if (crc32(payload) !== buffer.readUInt32BE(offset + 4)) return null;
  const idLength = payload.readUInt8(8);
  if (9 + idLength + 4 > payload.byteLength) return null;
  return { queuedAt: payload.readDoubleBE(0), id: payload.toString('latin1', 9, 9 + idLength), length: end - offset };
}

/** A record read back whose length or checksum does not check out. */
export class QueueRecordDamaged extends Error {}

/** Decodes one whole record (as read back for a drain); throws QueueRecordDamaged when it does not check out. */
export function decodeRecord(record: Buffer): QueuedRequest {
  const facts = readRecordFacts(record, 0);
  if (!facts || facts.length !== record.byteLength) throw new QueueRecordDamaged('length or checksum does not match');
  let at = RECORD_PREFIX_BYTES + 9 + Buffer.byteLength(facts.id, 'latin1');
  const headLength = record.readUInt32BE(at);
  at += 4;
  const head = JSON.parse(record.toString('utf8', at, at + headLength)) as {
    method: string;
    target: string;
    headers: RawHeaders;
    remote_address: string | null;
    tls: boolean;
  };
  return {
    id: facts.id,
    queuedAt: facts.queuedAt,
    method: head.method,
    target: head.target,
    headers: head.headers,
    remoteAddress: head.remote_address,
    tls: head.tls,
    // A copy: the read buffer may be large and this body outlives it.
    body: Buffer.from(record.subarray(at + headLength)),
  };
}

/**
 * The done log: ids of queued requests the app acknowledged (or the relay dropped for age), each
 * as `u8 id length | id | u32 CRC-32 of the id`. Ids are unique, so an entry can never match a
 * later request, whatever happened to the segments meanwhile.
 */
export function encodeDone(ids: string[]): Buffer {
  const parts: Buffer[] = [];
  for (const id of ids) {
    const bytes = Buffer.from(id, 'latin1');
    const entry = Buffer.allocUnsafe(1 + bytes.byteLength + 4);
    entry.writeUInt8(bytes.byteLength, 0);
    bytes.copy(entry, 1);
    entry.writeUInt32BE(crc32(bytes), 1 + bytes.byteLength);
    parts.push(entry);
  }
  return Buffer.concat(parts);
}

/** The ids of a done log and where its intact part ends (a torn tail after it is cut off). */
export function decodeDone(buffer: Buffer): { ids: string[]; validBytes: number } {
  const ids: string[] = [];
  let at = 0;
  while (at < buffer.byteLength) {
    const length = buffer.readUInt8(at);
    const end = at + 1 + length + 4;
    if (length === 0 || end > buffer.byteLength) break;
    const bytes = buffer.subarray(at + 1, at + 1 + length);
    if (crc32(bytes) !== buffer.readUInt32BE(at + 1 + length)) break;
    ids.push(bytes.toString('latin1'));
    at = end;
  }
  return { ids, validBytes: at };
}
