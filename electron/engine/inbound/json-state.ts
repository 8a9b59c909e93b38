/** Does the body claim to be JSON (by media type) or look like it (a leading `{` or `[`)? */
function claimsJson(contentType: string | null, body: Buffer): boolean {
  if (contentType && /^[^;]*[/+]json\s*(;|$)/i.test(contentType.trim())) return true;
  const first = body.find((byte) => byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d);
  return first === 0x7b || first === 0x5b;
}

export interface JsonInspection {
  state: 'valid' | 'invalid' | null;
  value: unknown;
}

/**
 * `valid`/`invalid` for bodies that claim or look like JSON, `null` for everything else, with the
 * parsed value so nothing parses twice. Malformed JSON is stored as sent and flagged, never rejected.
 */
export function inspectJson(contentType: string | null, body: Buffer): JsonInspection {
  if (body.byteLength === 0 || !claimsJson(contentType, body)) return { state: null, value: undefined };
  try {
    return { state: 'valid', value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { state: 'invalid', value: undefined };
  }
}

export function jsonStateOf(contentType: string | null, body: Buffer): 'valid' | 'invalid' | null {
  return inspectJson(contentType, body).state;
}
