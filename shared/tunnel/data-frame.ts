/**
 * Body bytes travel as binary WebSocket messages: a 5-byte header (flags, then the stream id
 * as a big-endian uint32) followed by the raw bytes. No base64, no JSON.
 */
export const DATA_HEADER_BYTES = 5;
/** The last frame of a body; may carry bytes or none. */
export const FLAG_END = 0x01;
/** Largest payload in one data frame, so one large body cannot hold the connection for long. */
export const MAX_DATA_CHUNK = 64 * 1024;

export interface DataFrame {
  stream: number;
  end: boolean;
  payload: Uint8Array;
}

export function encodeDataFrame(stream: number, payload: Uint8Array, end: boolean): Uint8Array {
  const frame = new Uint8Array(DATA_HEADER_BYTES + payload.byteLength);
  frame[0] = end ? FLAG_END : 0;
  new DataView(frame.buffer, frame.byteOffset, DATA_HEADER_BYTES).setUint32(1, stream);
  frame.set(payload, DATA_HEADER_BYTES);
  return frame;
}

/** Null for a frame too short to hold a header, unknown flags, or stream id 0. */
export function decodeDataFrame(frame: Uint8Array): DataFrame | null {
  if (frame.byteLength < DATA_HEADER_BYTES) return null;
  const flags = frame[0];
  if ((flags & ~FLAG_END) !== 0) return null;
  const stream = new DataView(frame.buffer, frame.byteOffset, DATA_HEADER_BYTES).getUint32(1);
  if (stream === 0) return null;
  return { stream, end: (flags & FLAG_END) !== 0, payload: frame.subarray(DATA_HEADER_BYTES) };
}
