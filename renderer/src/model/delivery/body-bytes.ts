import type { Body } from '../../../../shared/api/common.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** Bytes of bodies built here from fetched bytes, so the hex view does not decode base64 back into them. */
const fetchedBytes = new WeakMap<Body, Uint8Array>();
/** Bytes per String.fromCharCode call: its arguments live on the stack. */
const BASE64_SLICE = 0x8000;

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += BASE64_SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + BASE64_SLICE));
  return btoa(binary);
}

/** Fetched raw bytes as the API would have inlined them: UTF-8 text when valid, base64 otherwise. */
export function inlineBody(bytes: Uint8Array): Body {
  let body: Body;
  try {
    body = { encoding: 'utf8', data: strictUtf8.decode(bytes), size: bytes.byteLength };
  } catch {
    body = { encoding: 'base64', data: base64Of(bytes), size: bytes.byteLength };
  }
  fetchedBytes.set(body, bytes);
  return body;
}

/** The exact bytes that arrived, whichever way the API encoded them. */
export function bodyBytes(body: Body): Uint8Array {
  const fetched = fetchedBytes.get(body);
  if (fetched) return fetched;
  if (body.encoding === 'utf8') return new TextEncoder().encode(body.data);
  const binary = atob(body.data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Text to show for a body; binary bodies are decoded leniently, invalid sequences become U+FFFD. */
export function bodyText(body: Body): string {
  if (body.encoding === 'utf8') return body.data;
  return new TextDecoder('utf-8', { fatal: false }).decode(bodyBytes(body));
}

export function isEmptyBody(body: Body): boolean {
  return body.size === 0 && body.data.length === 0;
}
