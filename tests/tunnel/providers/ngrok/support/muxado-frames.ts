/**
 * muxado, the stream multiplexer under an ngrok agent session, as its open-source Rust
 * implementation frames it (ngrok-rust `muxado/src/codec.rs`, `frame.rs`): an 8-byte header,
 * a big-endian u32 of `length << 8 | type << 4 | flags` and a u32 stream id, then the body.
 */
export const FrameType = { rst: 0, data: 1, wndinc: 2, goaway: 3 } as const;
export const FIN = 0b0001;
export const SYN = 0b0010;
export const HEADER_BYTES = 8;
/** muxado's default per-stream window (`DEFAULT_WINDOW`, 256 KiB). */
export const DEFAULT_WINDOW = 0x40000;

export interface Frame {
  type: number;
  flags: number;
  streamId: number;
  body: Buffer;
}

export function encodeFrame(frame: Frame): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32BE(((frame.body.length << 8) | ((frame.type & 0x0f) << 4) | (frame.flags & 0x0f)) >>> 0, 0);
  header.writeUInt32BE(frame.streamId & 0x7fffffff, 4);
  return Buffer.concat([header, frame.body]);
}

export const dataFrame = (streamId: number, body: Buffer, flags = 0): Buffer =>
  encodeFrame({ type: FrameType.data, flags, streamId, body });

export function windowIncrement(streamId: number, by: number): Buffer {
  const body = Buffer.alloc(4);
  body.writeUInt32BE(by, 0);
  return encodeFrame({ type: FrameType.wndinc, flags: 0, streamId, body });
}

/** Splits whole frames off the front of `pending`; returns them and the bytes left over. */
export function decodeFrames(pending: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let offset = 0;
  while (pending.length - offset >= HEADER_BYTES) {
    const word = pending.readUInt32BE(offset);
    const length = word >>> 8;
    if (pending.length - offset - HEADER_BYTES < length) break;
    frames.push({
      type: (word >>> 4) & 0x0f,
      flags: word & 0x0f,
      streamId: pending.readUInt32BE(offset + 4) & 0x7fffffff,
      body: pending.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + length),
    });
    offset += HEADER_BYTES + length;
  }
  return { frames, rest: pending.subarray(offset) };
}
