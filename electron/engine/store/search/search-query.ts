import { HookbenchError } from '../../../../shared/errors.js';
import { SCHEME_NAMES, type SchemeName } from '../../../../shared/signatures/scheme.js';

/** Structured filters a search can carry as `field:value` terms. */
export interface SearchFilters {
  direction?: 'in' | 'out';
  inbox?: string;
  integration?: string;
  event?: string;
  /** 1xx…5xx, none, or one exact code such as 404. */
  status?: string;
  signature?: 'valid' | 'invalid' | 'unsigned' | 'no_secret';
  /** The scheme a delivery's signature was checked with. */
  scheme?: SchemeName;
  schema?: 'valid' | 'invalid';
  method?: string;
  pinned?: boolean;
  since?: number;
  until?: number;
  /** Only replays of this delivery id. */
  replay_of?: string;
  /** Only deliveries that came through this tunnel provider. */
  provider?: 'relay' | 'cloudflare' | 'ngrok' | 'localtunnel';
  /** Only deliveries a relay queued while the app was away (true), or only the others (false). */
  queued?: boolean;
  /** Only received deliveries whose delivery_id the inbox saw before (true), or only the others (false). */
  duplicate?: boolean;
}

export interface SearchQuery {
  /** An FTS5 MATCH expression built only from quoted strings, or null when the search has no text terms. */
  match: string | null;
  /** The words and phrases as typed, for highlighting a match. */
  terms: string[];
  filters: SearchFilters;
}

const TEXT_COLUMNS: Record<string, string> = { path: 'path', header: 'headers', headers: 'headers', body: 'body' };
const FILTER_FIELDS = [
  'direction',
  'inbox',
  'integration',
  'event',
  'status',
  'signature',
  'scheme',
  'schema',
  'method',
  'pinned',
  'since',
  'until',
  'replay_of',
  'provider',
  'queued',
  'duplicate',
];
const KNOWN_FIELDS = [...FILTER_FIELDS, ...Object.keys(TEXT_COLUMNS)];

function invalid(message: string): HookbenchError {
  return new HookbenchError('invalid_query', `Search: ${message}`, 400);
}

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  const lower = value.toLowerCase() as T;
  if (!allowed.includes(lower)) throw invalid(`${field}:${value} is not allowed; use ${allowed.map((a) => `${field}:${a}`).join(', ')}.`);
  return lower;
}

const RELATIVE = /^(\d{1,6})(m|h|d)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** An ISO date/time, or a span back from now: 30m, 12h, 7d. */
export function parseTime(field: string, value: string, now: number): number {
  const relative = RELATIVE.exec(value);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS];
  const ms = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms))
    throw invalid(
      `${field}:${value} is not a time; use an ISO date such as 2026-01-31 or 2026-01-31T12:00:00Z, or a span such as 30m, 12h, 7d.`,
    );
  return ms;
}

function filterTerm(filters: SearchFilters, field: string, value: string, now: number): void {
  switch (field) {
    case 'direction':
      filters.direction = oneOf(field, value, ['in', 'out'] as const);
      break;
    case 'inbox':
      filters.inbox = value;
      break;
    case 'integration':
      filters.integration = value;
      break;
    case 'event':
      filters.event = value;
      break;
    case 'status':
      if (!/^[1-5](xx|\d\d)$/i.test(value) && value.toLowerCase() !== 'none')
        throw invalid(`status:${value} is not a status; use 1xx…5xx, none, or a code such as status:404.`);
      filters.status = value.toLowerCase();
      break;
    case 'signature':
      filters.signature = oneOf(field, value, ['valid', 'invalid', 'unsigned', 'no_secret'] as const);
      break;
    case 'scheme':
      filters.scheme = oneOf(field, value, SCHEME_NAMES);
      break;
    case 'schema':
      filters.schema = oneOf(field, value, ['valid', 'invalid'] as const);
      break;
    case 'method':
      if (!/^[A-Za-z]{1,20}$/.test(value)) throw invalid(`method:${value} is not an HTTP method; use e.g. method:POST.`);
      filters.method = value.toUpperCase();
      break;
    case 'pinned':
      filters.pinned = oneOf(field, value, ['true', 'false', 'yes', 'no'] as const).startsWith('t') || value.toLowerCase() === 'yes';
      break;
    case 'since':
      filters.since = parseTime(field, value, now);
      break;
    case 'until':
      filters.until = parseTime(field, value, now);
      break;
    case 'replay_of':
      filters.replay_of = value;
      break;
    case 'provider':
      filters.provider = oneOf(field, value, ['relay', 'cloudflare', 'ngrok', 'localtunnel'] as const);
      break;
    case 'queued':
      filters.queued = ['true', 'yes'].includes(oneOf(field, value, ['yes', 'no', 'true', 'false'] as const));
      break;
    case 'duplicate':
      filters.duplicate = ['true', 'yes'].includes(oneOf(field, value, ['yes', 'no', 'true', 'false'] as const));
      break;
  }
}

/** Quoted, so that nothing a user types is read as FTS5 syntax. */
function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

const HAS_TOKEN = /[\p{L}\p{N}]/u;

interface Token {
  field: string | null;
  value: string;
  quoted: boolean;
}

function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const readQuoted = (): string => {
    const close = q.indexOf('"', i + 1);
    if (close === -1) throw invalid('a quote is not closed; add the closing " or remove the opening one.');
    const text = q.slice(i + 1, close);
    i = close + 1;
    return text;
  };
  while (i < q.length) {
    if (/\s/.test(q[i])) {
      i++;
      continue;
    }
    if (q[i] === '"') {
      tokens.push({ field: null, value: readQuoted(), quoted: true });
      continue;
    }
    const start = i;
    while (i < q.length && !/\s/.test(q[i]) && q[i] !== '"') i++;
    const bare = q.slice(start, i);
    const field = /^([A-Za-z_]+):(.*)$/.exec(bare);
    if (field && field[2] === '' && q[i] === '"') tokens.push({ field: field[1].toLowerCase(), value: readQuoted(), quoted: true });
    else if (field) tokens.push({ field: field[1].toLowerCase(), value: field[2], quoted: false });
    else tokens.push({ field: null, value: bare, quoted: false });
  }
  return tokens;
}

/**
 * Reads a search box: words (all must match; `word*` for a prefix), "exact phrases",
 * `path:` / `header:` / `body:` to search one part, and `field:value` filters
 * (direction, inbox, integration, event, status, signature, scheme, schema, method, pinned, since, until).
 */
export function parseSearchQuery(q: string, now = Date.now()): SearchQuery {
  const filters: SearchFilters = {};
  const parts: string[] = [];
  const terms: string[] = [];
  for (const token of tokenize(q)) {
    if (token.field !== null && !KNOWN_FIELDS.includes(token.field)) {
      throw invalid(
        `unknown field "${token.field}:"; use one of ${KNOWN_FIELDS.map((f) => `${f}:`).join(' ')} — or put text with a colon in quotes.`,
      );
    }
    if (token.field !== null && token.value === '') throw invalid(`"${token.field}:" needs a value, e.g. ${token.field}:something.`);
    if (token.field !== null && FILTER_FIELDS.includes(token.field)) {
      filterTerm(filters, token.field, token.value, now);
      continue;
    }
    const prefix = !token.quoted && token.value.endsWith('*');
    const text = prefix ? token.value.replace(/\*+$/, '') : token.value;
    // Text of punctuation only has no words to find; it narrows nothing, so it is dropped.
    if (!HAS_TOKEN.test(text)) continue;
    const column = token.field === null ? '' : `${TEXT_COLUMNS[token.field]} : `;
    parts.push(`${column}${ftsString(text)}${prefix ? ' *' : ''}`);
    terms.push(text);
  }
  return { match: parts.length ? parts.join(' AND ') : null, terms, filters };
}
