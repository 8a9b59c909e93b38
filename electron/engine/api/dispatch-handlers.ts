import type { integrationRoutes } from '../../../shared/api/integration-routes.js';
import { HookbenchError } from '../../../shared/errors.js';
import { INBOUNDFLOW_EVENTS, type InboundFlowEvent } from '../../../shared/inboundflow/events.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import { checkEventData, EVENT_DESCRIPTIONS } from '../dispatch/event-data.js';
import { eventTemplate, inboundCallSequence } from '../dispatch/event-templates.js';
import { eventsOf } from '../dispatch/integration-rows.js';
import type { IntegrationService } from '../dispatch/integration-service.js';
import type { Handlers } from './router.js';

export interface DispatchContext {
  integrations: IntegrationService;
  dispatcher: Dispatcher;
}

/** The dispatch engine's routes (shared/api/integration-routes.ts), one function each. */
export function createDispatchHandlers({ integrations, dispatcher }: DispatchContext): Handlers<typeof integrationRoutes> {
  const subscribedEvent = (id: string, wanted: InboundFlowEvent | undefined): InboundFlowEvent => {
    const row = integrations.find(id);
    const events = eventsOf(row) as InboundFlowEvent[];
    const event = wanted ?? events[0];
    if (!events.includes(event)) {
      throw new HookbenchError(
        'not_subscribed',
        `Integration ${id} (${row.name}) does not subscribe to ${event}; it receives ${events.join(', ')}.`,
        400,
      );
    }
    return event;
  };

  return {
    listIntegrations: () => ({ items: integrations.list() }),
    createIntegration: ({ body }) => integrations.create(body),
    getIntegration: ({ params }) => integrations.get(params.id),
    updateIntegration: ({ params, body }) => integrations.update(params.id, body),
    deleteIntegration: async ({ params }) => {
      await integrations.delete(params.id);
      return { ok: true };
    },

    testIntegration: ({ params, body }) => {
      const event = subscribedEvent(params.id, body.event);
      return dispatcher.test(params.id, event, eventTemplate(event), body.wait);
    },

    enableIntegration: async ({ params, body }) => {
      await integrations.enable(params.id);
      const requeued = body.send_skipped ? await dispatcher.sendSkipped(params.id) : [];
      return { integration: integrations.get(params.id), requeued };
    },

    sendSkippedDeliveries: async ({ params }) => ({ requeued: await dispatcher.sendSkipped(params.id) }),

    rotateIntegrationSecret: ({ params, body }) => integrations.rotateSecret(params.id, body.secret),

    listEventTemplates: () => ({
      items: INBOUNDFLOW_EVENTS.map((event) => ({ event, description: EVENT_DESCRIPTIONS[event], data: eventTemplate(event) })),
    }),

    fireEvent: ({ body }) => {
      const data = body.data === undefined ? eventTemplate(body.event) : checkEventData(body.event, body.data);
      return dispatcher.fire(body.event, data, body.integration_ids, body.wait);
    },

    inboundCallScenario: async ({ body }) => {
      const { call, steps } = inboundCallSequence(body.outcome);
      const events = await dispatcher.fireSequence(steps, body.integration_ids, body.wait);
      return { call_id: call.callId, outcome: body.outcome, events };
    },

    redeliverDelivery: ({ params, body }) => dispatcher.redeliver(params.id, body.wait),
  };
}
