import { describe, expect, it } from 'vitest';
import { answerSpeed, formatAnswerTime } from '../../../shared/inboundflow/answer-speed.js';

describe('answer speed', () => {
  it('leaves answers up to 2 s alone', () => {
    expect(answerSpeed(2_000)).toEqual({ speed: 'quick', sentence: null });
  });

  it('flags answers above 2 s with their time', () => {
    expect(answerSpeed(3_240)).toEqual({
      speed: 'slow',
      sentence: 'Answered in 3.2 s: InboundFlow times out at 10.0 s; answer first, work after.',
    });
  });

  it('says an answer past 10 s would have been a failure', () => {
    expect(answerSpeed(10_500).speed).toBe('too_slow');
    expect(answerSpeed(10_500).sentence).toMatch(/would have counted this as a failure \(timeout\)/);
  });

  it('writes times below a second in ms', () => {
    expect(formatAnswerTime(850)).toBe('850 ms');
  });
});
