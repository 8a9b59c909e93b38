import { DEFAULT_RETENTION, type Retention } from '../../../../shared/api/inboxes.js';

export interface RetentionDraft {
  /** Text as typed; empty means no limit of that kind. */
  maxCount: string;
  maxAgeHours: string;
}

export type RetentionParse = { ok: true; retention: Retention } | { ok: false; field: 'maxCount' | 'maxAgeHours'; message: string };

const MAX_COUNT = 100_000_000;
const MAX_AGE_HOURS = 876_000;

export function retentionOf(inbox: { retention?: Retention }): Retention {
  return inbox.retention ?? { ...DEFAULT_RETENTION };
}

export function retentionDraft(retention: Retention): RetentionDraft {
  return {
    maxCount: retention.max_count === null ? '' : String(retention.max_count),
    maxAgeHours: retention.max_age_hours === null ? '' : String(retention.max_age_hours),
  };
}

function parseLimit(text: string, max: number, what: string): number | null | string {
  const trimmed = text.trim().replace(/[,_\s]/g, '');
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return `${what} must be a whole number, or empty for no limit.`;
  const value = Number(trimmed);
  if (value < 1) return `${what} must be at least 1, or empty for no limit.`;
  if (value > max) return `${what} must be at most ${max.toLocaleString('en-US')}.`;
  return value;
}

/** The draft as the API's `retention`, or the sentence saying what to fix. */
export function parseRetentionDraft(draft: RetentionDraft): RetentionParse {
  const count = parseLimit(draft.maxCount, MAX_COUNT, 'Max deliveries');
  if (typeof count === 'string') return { ok: false, field: 'maxCount', message: count };
  const age = parseLimit(draft.maxAgeHours, MAX_AGE_HOURS, 'Max age (hours)');
  if (typeof age === 'string') return { ok: false, field: 'maxAgeHours', message: age };
  return { ok: true, retention: { max_count: count, max_age_hours: age } };
}

function describeAge(hours: number): string {
  if (hours % 24 === 0) {
    const days = hours / 24;
    return `${days.toLocaleString('en-US')} ${days === 1 ? 'day' : 'days'}`;
  }
  return `${hours.toLocaleString('en-US')} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** One line: "Keeps the newest 100,000 · no age limit". */
export function describeRetention(retention: Retention): string {
  const count = retention.max_count === null ? 'Keeps every delivery' : `Keeps the newest ${retention.max_count.toLocaleString('en-US')}`;
  const age = retention.max_age_hours === null ? 'no age limit' : `removes those older than ${describeAge(retention.max_age_hours)}`;
  return `${count} · ${age} · pinned ones always stay`;
}
