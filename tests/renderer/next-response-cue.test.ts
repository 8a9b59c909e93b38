import { describe, expect, it } from 'vitest';
import { nextResponseCue } from '../../renderer/src/model/inboxes/next-response-cue.js';

const scripted = (status: number) => ({
  type: 'scripted' as const,
  status,
  headers: [],
  body: '',
  body_encoding: 'utf8' as const,
  delay_ms: 0,
});

describe('next response cue', () => {
  it('marks failures, chances of failure and scripted error statuses as such', () => {
    expect(nextResponseCue({ will: 'fail', usual: { type: 'default', status: 200 } })).toEqual({ tone: 'fail', mark: '✕' });
    expect(nextResponseCue({ will: 'maybe_fail', usual: { type: 'default', status: 200 } })).toEqual({ tone: 'warn', mark: '?' });
    expect(nextResponseCue({ will: 'usual', usual: scripted(503) })).toEqual({ tone: 'fail', mark: '✕' });
    expect(nextResponseCue({ will: 'usual', usual: scripted(404) })).toEqual({ tone: 'warn', mark: '!' });
    expect(nextResponseCue({ will: 'usual', usual: scripted(202) })).toEqual({ tone: 'ok', mark: '✓' });
    expect(nextResponseCue({ will: 'usual', usual: { type: 'forward', target: 'http://x', timeout_ms: 9000 } })).toEqual({
      tone: 'neutral',
      mark: '→',
    });
    expect(nextResponseCue({ will: 'usual', usual: { type: 'default', status: 200 } })).toEqual({ tone: 'ok', mark: '✓' });
  });
});
