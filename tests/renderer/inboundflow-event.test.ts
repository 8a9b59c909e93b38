import { describe, expect, it } from 'vitest';
import { readInboundFlowEvent } from '../../renderer/src/model/delivery/inboundflow-event.js';

const utf8 = (value: unknown) => {
  const data = typeof value === 'string' ? value : JSON.stringify(value);
  return { encoding: 'utf8' as const, data, size: new TextEncoder().encode(data).length };
};

describe('readInboundFlowEvent', () => {
  it('reads caller, summary, intent and urgency of call.completed', () => {
    const facts = readInboundFlowEvent(
      utf8({
        event: 'call.completed',
        delivery_id: 'd-1',
        data: {
          caller_name: 'Dave',
          caller_phone: '+1234567890',
          caller_email: 'dave@example.com',
          summary: 'Brakes',
          intent: 'book appointment',
          urgency: 'medium',
          duration_seconds: 55,
        },
      }),
    );
    expect(facts).toMatchObject({
      event: 'call.completed',
      deliveryId: 'd-1',
      callerName: 'Dave',
      callerPhone: '+1234567890',
      callerEmail: 'dave@example.com',
      summary: 'Brakes',
      intent: 'book appointment',
      urgency: 'medium',
      durationSeconds: '55',
    });
    expect(facts?.appointment).toBeUndefined();
    expect(facts?.transferTarget).toBeUndefined();
  });

  it('reads the appointment window and the transfer target', () => {
    expect(
      readInboundFlowEvent(
        utf8({ event: 'appointment.booked', data: { appointment_time_start: '2026-02-25T11:00:00Z', service_type: 'Repair' } }),
      )?.appointment,
    ).toEqual({ date: undefined, start: '2026-02-25T11:00:00Z', end: undefined, serviceType: 'Repair' });
    expect(
      readInboundFlowEvent(utf8({ event: 'call.transferred', data: { transferred_to_label: 'Manager', transferred_to_number: '+1815' } }))
        ?.transferTarget,
    ).toEqual({ label: 'Manager', number: '+1815' });
  });

  it('uses call_summary of lead.created as the summary', () => {
    expect(readInboundFlowEvent(utf8({ event: 'lead.created', data: { call_summary: 'Quote' } }))?.summary).toBe('Quote');
  });

  it('ignores bodies that are not an InboundFlow envelope and values that are not text', () => {
    expect(readInboundFlowEvent(utf8('not json'))).toBeNull();
    expect(readInboundFlowEvent(utf8({ event: 'x' }))).toBeNull();
    expect(readInboundFlowEvent(utf8([1]))).toBeNull();
    expect(readInboundFlowEvent({ encoding: 'base64', data: 'AA==', size: 1 })).toBeNull();
    expect(readInboundFlowEvent(utf8({ event: 'x', data: { caller_name: { html: '<b>' } } }))?.callerName).toBeUndefined();
  });
});
