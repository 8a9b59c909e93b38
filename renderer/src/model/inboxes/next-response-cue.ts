import type { NextResponse } from '../../../../shared/api/responses.js';

export type NextResponseTone = 'ok' | 'warn' | 'fail' | 'neutral';

export interface NextResponseCue {
  tone: NextResponseTone;
  /** A glyph drawn with the tone, so the line reads without colour. */
  mark: string;
}

function toneOfStatus(status: number): NextResponseTone {
  if (status >= 500) return 'fail';
  if (status >= 300) return 'warn';
  return 'ok';
}

/** How the "Next response" line looks: a scripted 503 reads as a failure even though no rule makes it one. */
export function nextResponseCue(next: Pick<NextResponse, 'will' | 'usual'>): NextResponseCue {
  if (next.will === 'fail') return { tone: 'fail', mark: '✕' };
  if (next.will === 'maybe_fail') return { tone: 'warn', mark: '?' };
  switch (next.usual.type) {
    case 'forward':
      return { tone: 'neutral', mark: '→' };
    case 'scripted': {
      const tone = toneOfStatus(next.usual.status);
      return { tone, mark: tone === 'ok' ? '✓' : tone === 'warn' ? '!' : '✕' };
    }
    case 'default':
      return { tone: 'ok', mark: '✓' };
  }
}
