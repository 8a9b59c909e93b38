import { describe, expect, it } from 'vitest';
import { statusClassOf, statusCue } from '../../renderer/src/model/common/status-class.js';

describe('statusClassOf', () => {
  it('classes a status by its hundreds and treats missing or out-of-range ones as no response', () => {
    expect(statusClassOf(101)).toBe('1xx');
    expect(statusClassOf(200)).toBe('2xx');
    expect(statusClassOf(302)).toBe('3xx');
    expect(statusClassOf(404)).toBe('4xx');
    expect(statusClassOf(599)).toBe('5xx');
    expect(statusClassOf(null)).toBe('none');
    expect(statusClassOf(99)).toBe('none');
    expect(statusClassOf(600)).toBe('none');
  });

  it('gives every class a distinct shape so the class reads without colour', () => {
    const shapes = [100, 200, 300, 400, 500, null].map((s) => statusCue(s).shape);
    expect(new Set(shapes).size).toBe(shapes.length);
  });
});
