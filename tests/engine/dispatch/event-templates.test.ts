import { describe, expect, it } from 'vitest';
import { INBOUNDFLOW_EVENTS } from '../../../shared/inboundflow/events.js';
import { E164_PATTERN } from '../../../shared/inboundflow/formats.js';
import { validateEnvelope } from '../../../shared/inboundflow/validate.js';
import { envelopeBytes } from '../../../electron/engine/dispatch/delivery-request.js';
import { eventTemplate, inboundCallSequence } from '../../../electron/engine/dispatch/event-templates.js';
import { EngineConfig, resolveConfig } from '../../../electron/engine/config.js';

const now = new Date('2026-03-06T15:30:00.000Z'); // a Friday

describe('event templates', () => {
  it.each(INBOUNDFLOW_EVENTS)('%s: data passes the schema, with an E.164 caller and times near now', (event) => {
    for (let i = 0; i < 25; i++) {
      const data = eventTemplate(event, now);
      const body = envelopeBytes({ event, occurredAt: now, organizationId: 'org', deliveryId: 'd', data });
      expect(validateEnvelope(JSON.parse(body.toString()))).toMatchObject({ valid: true, errors: [] });
      expect(data.caller_phone).toMatch(E164_PATTERN);
      expect(data.caller_phone).toMatch(/^\+1\d{3}55501\d{2}$/);
      for (const key of ['started_at', 'ended_at']) {
        if (key in data) expect(Math.abs(Date.parse(data[key] as string) - now.getTime())).toBeLessThan(10 * 60 * 1000);
      }
    }
  });

  it('varies names and call ids from one template to the next', () => {
    const samples = Array.from({ length: 20 }, () => eventTemplate('call.completed', now));
    expect(new Set(samples.map((s) => s.call_id)).size).toBe(20);
    expect(new Set(samples.map((s) => s.caller_name)).size).toBeGreaterThan(3);
  });

  it('books appointments on a weekday after the call, one hour long', () => {
    for (let i = 0; i < 20; i++) {
      const data = eventTemplate('appointment.booked', now);
      const start = new Date(data.appointment_time_start as string);
      expect(start.getTime()).toBeGreaterThan(now.getTime());
      expect([1, 2, 3, 4, 5]).toContain(start.getUTCDay());
      expect(data.appointment_date).toBe((data.appointment_time_start as string).slice(0, 10));
      expect(Date.parse(data.appointment_time_end as string) - start.getTime()).toBe(3_600_000);
    }
  });

  it('builds one inbound call: the same call_id, caller and times in every event', () => {
    for (const outcome of ['booked', 'transferred'] as const) {
      const { call, steps } = inboundCallSequence(outcome, now);
      expect(steps.map((s) => s.event)).toEqual([
        'call.completed',
        'lead.created',
        outcome === 'booked' ? 'appointment.booked' : 'call.transferred',
      ]);
      for (const { data } of steps) {
        expect(data).toMatchObject({ call_id: call.callId, caller_phone: call.callerPhone, caller_name: call.callerName });
      }
      const completed = steps[0].data;
      const last = steps[2].data;
      if (outcome === 'transferred') expect(last.duration_seconds).toBe(completed.duration_seconds);
      expect(steps[1].data.call_summary).toBe(completed.summary);
    }
  });
});

describe('dispatch settings', () => {
  it('waits 10,000 ms for an answer by default, as InboundFlow does, and refuses plain http unless allowed', () => {
    const config = EngineConfig.parse({ dataDir: '/d' });
    expect(config.dispatchTimeoutMs).toBe(10_000);
    expect(config.allowHttpLocalhost).toBe(false);
    expect(EngineConfig.parse({ dataDir: '/d', allowHttpLocalhost: '1' }).allowHttpLocalhost).toBe(true);
  });

  it('takes --allow-http-localhost or HOOKBENCH_ALLOW_HTTP_LOCALHOST, and names a bad value', () => {
    expect(resolveConfig({ dataDir: '/d', allowHttpLocalhost: true }, {})).toMatchObject({
      ok: true,
      config: { allowHttpLocalhost: true },
    });
    expect(resolveConfig({ dataDir: '/d' }, { HOOKBENCH_ALLOW_HTTP_LOCALHOST: 'yes' })).toMatchObject({
      ok: true,
      config: { allowHttpLocalhost: true },
    });
    expect(resolveConfig({ dataDir: '/d' }, { HOOKBENCH_ALLOW_HTTP_LOCALHOST: '0' })).toMatchObject({
      ok: true,
      config: { allowHttpLocalhost: false },
    });
    expect(resolveConfig({ dataDir: '/d' }, { HOOKBENCH_ALLOW_HTTP_LOCALHOST: 'maybe' })).toEqual({
      ok: false,
      message: expect.stringMatching(/^HOOKBENCH_ALLOW_HTTP_LOCALHOST must be 1\/true\/yes or 0\/false\/no/),
    });
  });
});
