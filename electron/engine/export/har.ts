import { STATUS_CODES } from 'node:http';
import type { Body, RawHeaders } from '../../../shared/api/common.js';
import type { InlineDeliveryRecord } from '../../../shared/api/deliveries.js';

/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the parts Hookbench fills. */
interface NameValue {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: NameValue[];
    headers: NameValue[];
    queryString: NameValue[];
    postData?: { mimeType: string; text: string; encoding?: 'base64' };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: NameValue[];
    headers: NameValue[];
    content: { size: number; mimeType: string; text?: string; encoding?: 'base64' };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _hookbench: Record<string, unknown>;
}

const BODYLESS = new Set(['GET', 'HEAD']);

const pairs = (headers: RawHeaders): NameValue[] => headers.map(([name, value]) => ({ name, value }));

function header(headers: RawHeaders, name: string): string | null {
  const lower = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === lower)?.[1] ?? null;
}

function requestCookies(headers: RawHeaders): NameValue[] {
  return headers
    .filter(([name]) => name.toLowerCase() === 'cookie')
    .flatMap(([, value]) => value.split(';'))
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf('=');
      return at < 0 ? { name: part, value: '' } : { name: part.slice(0, at), value: part.slice(at + 1) };
    });
}

function responseCookies(headers: RawHeaders): NameValue[] {
  return headers
    .filter(([name]) => name.toLowerCase() === 'set-cookie')
    .map(([, value]) => {
      const pair = value.split(';')[0];
      const at = pair.indexOf('=');
      return at < 0 ? { name: pair.trim(), value: '' } : { name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
    });
}

function queryString(url: string): NameValue[] {
  return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
}

/** Text as text, anything else as base64 with `encoding: "base64"`: the exact bytes either way. */
function content(body: Body): { text: string; encoding?: 'base64' } {
  return body.encoding === 'base64' ? { text: body.data, encoding: 'base64' } : { text: body.data };
}

/** The URL a delivery was sent to: the outgoing target, or the receiver as the sender addressed it (Host header). */
export function deliveryUrl(record: InlineDeliveryRecord, receiverOrigin: string): string {
  if (record.direction === 'out' && record.url) return record.url;
  const host = header(record.headers, 'host');
  const origin = host ? `${record.tls ? 'https' : 'http'}://${host}` : receiverOrigin;
  try {
    return new URL(record.path, origin).href;
  } catch {
    return new URL(record.path, receiverOrigin).href;
  }
}

/** One delivery as a HAR entry: request and response with exact bodies, Hookbench's facts under `_hookbench`. */
export function harEntry(record: InlineDeliveryRecord, receiverOrigin: string): HarEntry {
  const url = deliveryUrl(record, receiverOrigin);
  const response = record.response;
  const duration = record.answer?.duration_ms ?? 0;
  const withBody = record.body.size > 0 || !BODYLESS.has(record.method.toUpperCase());
  return {
    startedDateTime: record.received_at,
    time: duration,
    request: {
      method: record.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: requestCookies(record.headers),
      headers: pairs(record.headers),
      queryString: queryString(url),
      ...(withBody ? { postData: { mimeType: header(record.headers, 'content-type') ?? '', ...content(record.body) } } : {}),
      headersSize: -1,
      bodySize: record.body.size,
    },
    response: {
      // 0 when there was no HTTP answer: a pending forward, a simulated hang or reset.
      status: response?.status ?? 0,
      statusText: response ? (STATUS_CODES[response.status] ?? '') : '',
      httpVersion: response && response.status > 0 ? 'HTTP/1.1' : '',
      cookies: response ? responseCookies(response.headers) : [],
      headers: response ? pairs(response.headers) : [],
      content: response
        ? { size: response.body.size, mimeType: header(response.headers, 'content-type') ?? '', ...content(response.body) }
        : { size: 0, mimeType: '' },
      redirectURL: (response && header(response.headers, 'location')) ?? '',
      headersSize: -1,
      bodySize: response ? response.body.size : -1,
    },
    cache: {},
    timings: { send: 0, wait: duration, receive: 0 },
    _hookbench: {
      id: record.id,
      direction: record.direction,
      via: record.via,
      inbox_id: record.inbox_id,
      integration_id: record.integration_id,
      event: record.event,
      delivery_id: record.delivery_id,
      signature_verdict: record.signature_verdict,
      answer: record.answer ?? null,
      replay_of: record.replay_of ?? null,
    },
  };
}

export function harLog(version: string, entries: HarEntry[]) {
  return { log: { version: '1.2', creator: { name: 'Hookbench', version }, entries } };
}

/** The text around the entries, so a HAR of any size streams one entry at a time. */
export function harEnvelope(version: string): { head: string; tail: string } {
  const log = JSON.stringify(harLog(version, []));
  const at = log.lastIndexOf('[]');
  return { head: log.slice(0, at + 1), tail: log.slice(at + 1) };
}
