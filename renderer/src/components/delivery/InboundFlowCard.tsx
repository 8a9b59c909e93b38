import type { ReactNode } from 'react';
import type { InboundFlowFacts } from '../../model/delivery/inboundflow-event.js';
import { formatExactTime } from '../../model/common/relative-time.js';
import './InboundFlowCard.css';

const TITLES: Record<string, string> = {
  'call.completed': 'Call completed',
  'call.transferred': 'Call transferred',
  'appointment.booked': 'Appointment booked',
  'lead.created': 'Lead created',
};

function Field({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`inboundflow-card__field ${wide ? 'inboundflow-card__field--wide' : ''}`}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function timeOrText(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return Number.isNaN(Date.parse(value)) ? value : formatExactTime(value);
}

/** What the event means for the business: who called, what they want, how urgent, what was booked or where it went. */
export function InboundFlowCard({ facts }: { facts: InboundFlowFacts }) {
  const caller = [facts.callerName, facts.callerPhone, facts.callerEmail].filter(Boolean);
  const { appointment, transferTarget } = facts;
  const urgency = facts.urgency?.toLowerCase();
  return (
    <section className="inboundflow-card" data-testid="inboundflow-card" aria-label="InboundFlow event">
      <header className="inboundflow-card__header">
        <span className="inboundflow-card__source">InboundFlow</span>
        <h2>{TITLES[facts.event] ?? facts.event}</h2>
        {facts.urgency && (
          <span
            className={`inboundflow-card__urgency inboundflow-card__urgency--${urgency === 'high' || urgency === 'medium' || urgency === 'low' ? urgency : 'other'}`}
          >
            {facts.urgency} urgency
          </span>
        )}
      </header>
      {caller.length > 0 && (
        <p className="inboundflow-card__caller">
          {facts.callerName && <strong>{facts.callerName}</strong>}
          {facts.callerPhone && <span className="mono">{facts.callerPhone}</span>}
          {facts.callerEmail && <span>{facts.callerEmail}</span>}
        </p>
      )}
      {facts.summary && <p className="inboundflow-card__summary">{facts.summary}</p>}
      <dl className="inboundflow-card__fields">
        {facts.intent && <Field label="Intent">{facts.intent}</Field>}
        {facts.interest && <Field label="Interest">{facts.interest}</Field>}
        {facts.durationSeconds && <Field label="Duration">{facts.durationSeconds}s</Field>}
        {appointment && (
          <Field label="Appointment" wide>
            {[appointment.serviceType, appointment.date].filter(Boolean).join(' · ')}
            {appointment.start && (
              <span className="inboundflow-card__time">
                {timeOrText(appointment.start)}
                {appointment.end && ` → ${timeOrText(appointment.end)}`}
              </span>
            )}
          </Field>
        )}
        {transferTarget && (
          <Field label="Transferred to" wide>
            {[transferTarget.label, transferTarget.number].filter(Boolean).join(' · ')}
          </Field>
        )}
        {facts.reason && (
          <Field label="Reason" wide>
            {facts.reason}
          </Field>
        )}
        {facts.deliveryId && (
          <Field label="Delivery id">
            <span className="mono">{facts.deliveryId}</span>
          </Field>
        )}
        {facts.callId && (
          <Field label="Call id">
            <span className="mono">{facts.callId}</span>
          </Field>
        )}
        {facts.timestamp && <Field label="Event time">{timeOrText(facts.timestamp)}</Field>}
      </dl>
    </section>
  );
}
