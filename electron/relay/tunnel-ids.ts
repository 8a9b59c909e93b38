import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const RANDOM_BYTES = 10;
const TAG_BYTES = 5;
/** 80 random bits and a 40-bit owner tag, base32: 24 characters, one DNS label. */
export const RANDOM_ID_LENGTH = ((RANDOM_BYTES + TAG_BYTES) * 8) / 5;
const RANDOM_ID = new RegExp(`^[a-z2-7]{${RANDOM_ID_LENGTH}}$`);

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Buffer {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    value = ((value << 5) | ALPHABET.indexOf(char)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

// The tag binds an id to the token that asked for it, so the relay needs no database to give it back.
function ownerTag(token: string, random: Uint8Array): Buffer {
  return createHmac('sha256', token).update('hookbench-tunnel-id-v1:').update(random).digest().subarray(0, TAG_BYTES);
}

/** A fresh random id owned by `token`. */
export function newTunnelId(token: string, random: Uint8Array = randomBytes(RANDOM_BYTES)): string {
  return base32(Buffer.concat([random, ownerTag(token, random)]));
}

export function isRandomTunnelId(id: string): boolean {
  return RANDOM_ID.test(id);
}

/** Whether a random-form id was made for this token (constant time in the tag). */
export function randomIdBelongsTo(id: string, token: string): boolean {
  if (!isRandomTunnelId(id)) return false;
  const bytes = unbase32(id);
  return timingSafeEqual(bytes.subarray(RANDOM_BYTES), ownerTag(token, bytes.subarray(0, RANDOM_BYTES)));
}
