import { describe, expect, it } from 'vitest';
import { dispatchCue, isSettled, skippedReasonText } from '../../renderer/src/model/common/dispatch-state.js';
import { failureClassLabel, httpStatusOfClass } from '../../renderer/src/model/common/failure-class.js';

describe('failure classes', () => {
  it('names HTTP classes by status, redirects included, and the transport classes in words', () => {
    expect(failureClassLabel('http_500')).toBe('HTTP 500');
    expect(failureClassLabel('http_302')).toBe('HTTP 302 (redirects are not followed)');
    expect(failureClassLabel('timeout')).toBe('Timed out');
    expect(failureClassLabel('refused')).toBe('Connection refused');
    expect(failureClassLabel('something_new')).toBe('something_new');
    expect(httpStatusOfClass('http_404')).toBe(404);
    expect(httpStatusOfClass('dns')).toBeNull();
  });
});

describe('dispatch states', () => {
  it('gives every state a word, a shape and a tone, and says why a delivery was skipped', () => {
    expect(dispatchCue('delivered')).toEqual({ label: 'Delivered', shape: 'check', tone: 'ok' });
    expect(dispatchCue('failed')).toEqual({ label: 'Failed', shape: 'cross', tone: 'bad' });
    expect(dispatchCue('sending').tone).toBe('busy');
    expect(skippedReasonText('disabled')).toBe('the integration was disabled');
    expect(skippedReasonText(null)).toBe('not sent');
    expect([isSettled('queued'), isSettled('sending'), isSettled('failed'), isSettled('skipped')]).toEqual([false, false, true, true]);
  });
});
