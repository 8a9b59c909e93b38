import { describe, expect, it } from 'vitest';
import { LEAD_CREATED_SAMPLE } from '../../shared/inboundflow/samples.js';
import { checkEventData, formatEventData, locateField, spotAt } from '../../renderer/src/model/integrations/event-data-check.js';

const lead = () => ({ ...LEAD_CREATED_SAMPLE.data }) as Record<string, unknown>;

describe('checkEventData', () => {
  it('accepts the docs’ own sample', () => {
    const check = checkEventData('lead.created', formatEventData(lead()));
    expect(check.kind).toBe('valid');
  });

  it('names every field that breaks the schema, with the line its key is on', () => {
    const data = lead();
    data.caller_phone = '555 0100';
    delete data.call_summary;
    const text = formatEventData(data);
    const check = checkEventData('lead.created', text);
    expect(check.kind).toBe('schema');
    if (check.kind !== 'schema') return;
    expect(check.problems.map(({ path, spot }) => [path, spot?.line ?? null])).toEqual([
      ['data.caller_phone', 3],
      ['data.call_summary', null],
    ]);
    expect(check.problems[0].message).toMatch(/E\.164/);
  });

  it('checks against the chosen event, not the one the data looks like', () => {
    const check = checkEventData('call.transferred', formatEventData(lead()));
    expect(check.kind === 'schema' && check.problems.map((problem) => problem.path)).toEqual(
      expect.arrayContaining(['data.duration_seconds', 'data.summary', 'data.transferred_to_label', 'data.transferred_to_number']),
    );
  });

  it('points at the line and column where the JSON breaks', () => {
    const check = checkEventData('lead.created', '{\n  "call_id": "a",\n  "caller_phone" "+14155550100"\n}');
    expect(check.kind).toBe('syntax');
    if (check.kind !== 'syntax') return;
    expect(check.spot.line).toBe(3);
    expect(check.message).not.toMatch(/position/);
    expect(checkEventData('lead.created', '{"call_id":').kind).toBe('syntax');
  });

  it('wants an object, not an array or a string', () => {
    expect(checkEventData('lead.created', '[1]')).toMatchObject({ kind: 'not_object' });
    expect(checkEventData('lead.created', '"x"')).toMatchObject({ kind: 'not_object' });
  });
});

describe('text positions', () => {
  it('turns offsets into 1-based lines and columns and finds a field’s key', () => {
    expect(spotAt('ab\ncd', 4)).toEqual({ offset: 4, line: 2, column: 2 });
    expect(spotAt('ab', 99)).toEqual({ offset: 2, line: 1, column: 3 });
    expect(locateField('{\n  "a": 1,\n  "b.c": 2\n}', 'data.b.c')).toBeNull();
    expect(locateField('{\n  "a": 1,\n  "caller": 2\n}', 'data.caller')?.line).toBe(3);
    expect(locateField('{}', '')).toBeNull();
  });
});
