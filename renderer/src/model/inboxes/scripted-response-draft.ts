import { ScriptedResponse } from '../../../../shared/api/responses.js';
import { headersText } from '../delivery/header-list.js';
import { parseHeaderLines } from '../delivery/header-lines.js';

/** The scripted-response editor's fields, as typed. */
export interface ScriptedResponseDraft {
  enabled: boolean;
  status: string;
  headers: string;
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  delayMs: string;
}

export type ScriptedResult = { ok: true; response: ScriptedResponse | null } | { ok: false; error: string };

export function draftFromResponse(response: ScriptedResponse | null): ScriptedResponseDraft {
  if (!response) {
    return {
      enabled: false,
      status: '200',
      headers: 'Content-Type: application/json',
      body: '{"received":true}',
      bodyEncoding: 'utf8',
      delayMs: '0',
    };
  }
  return {
    enabled: true,
    status: String(response.status),
    headers: headersText(response.headers),
    body: response.body,
    bodyEncoding: response.body_encoding,
    delayMs: String(response.delay_ms),
  };
}

/** The response to save (null restores the built-in 200), or the first thing to fix. */
export function responseFromDraft(draft: ScriptedResponseDraft): ScriptedResult {
  if (!draft.enabled) return { ok: true, response: null };
  const status = Number(draft.status.trim());
  if (!Number.isInteger(status) || status < 200 || status > 599)
    return { ok: false, error: 'The status must be a whole number from 200 to 599.' };
  const delay = draft.delayMs.trim() === '' ? 0 : Number(draft.delayMs.trim());
  if (!Number.isInteger(delay) || delay < 0 || delay > 600_000)
    return { ok: false, error: 'The delay must be a whole number of milliseconds from 0 to 600000.' };
  const headers = parseHeaderLines(draft.headers);
  if (!headers.ok) return { ok: false, error: `Headers: ${headers.error}` };
  const checked = ScriptedResponse.safeParse({
    status,
    headers: headers.headers,
    body: draft.body,
    body_encoding: draft.bodyEncoding,
    delay_ms: delay,
  });
  return checked.success
    ? { ok: true, response: checked.data }
    : { ok: false, error: checked.error.issues[0]?.message ?? 'The response is not valid.' };
}

/** One line for the settings summary: "202 after 1,500 ms, 2 headers, 17 bytes". */
export function describeScripted(response: ScriptedResponse): string {
  const parts = [`${response.status}`];
  if (response.delay_ms > 0) parts.push(`after ${response.delay_ms.toLocaleString()} ms`);
  if (response.headers.length > 0) parts.push(`${response.headers.length} ${response.headers.length === 1 ? 'header' : 'headers'}`);
  parts.push(
    response.body === ''
      ? 'empty body'
      : response.body_encoding === 'base64'
        ? 'binary body'
        : `${new TextEncoder().encode(response.body).byteLength.toLocaleString()} bytes`,
  );
  return parts.join(' · ');
}
