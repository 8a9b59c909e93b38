import type { Command } from 'commander';
import type { FireResult } from '../../../shared/api/integrations.js';
import { isHookbenchError } from '../../../shared/errors.js';
import type { InboundFlowEvent } from '../../../shared/inboundflow/events.js';
import { callEngine, findEngine } from '../running-engine.js';
import { type CommandIo, failBadInput } from './command-io.js';

interface ViaEngineInput {
  event: InboundFlowEvent;
  data: Record<string, unknown> | undefined;
  api: string | undefined;
  dataDir: string | undefined;
  json: boolean;
}

function formatDeliveries(event: string, answer: FireResult): string {
  if (answer.deliveries.length === 0) return `${event}: no integration subscribes to it; nothing was sent\n`;
  const lines = answer.deliveries.map((d) => {
    const outcome =
      d.state === 'delivered'
        ? `delivered ${d.response_status}`
        : d.state === 'skipped'
          ? `skipped (${d.skipped_reason})`
          : `${d.state} ${d.error_class ?? ''}`.trim();
    return `${d.integration_id}  ${outcome}  delivery id ${d.delivery_id}  (hookbench record ${d.id})`;
  });
  return `${event} → ${answer.deliveries.length} integration(s)\n${lines.join('\n')}\n`;
}

/**
 * `hookbench trigger EVENT` without --to: asks the running engine to fire the event to every
 * enabled integration subscribed to it, and waits for each delivery to settle. True when at
 * least one delivery was made and every one got a 2xx.
 */
export async function triggerViaEngine(command: Command, io: CommandIo, input: ViaEngineInput): Promise<boolean> {
  let answer: FireResult;
  try {
    const engine = findEngine({ api: input.api, dataDir: input.dataDir });
    const res = await callEngine(engine, '/events', { method: 'POST', body: { event: input.event, data: input.data, wait: true } });
    answer = (await res.json()) as FireResult;
  } catch (error) {
    if (isHookbenchError(error) && error.status < 500) return failBadInput(command, error.message);
    io.stderr(`hookbench: ${(error as Error).message}\n`);
    return false;
  }
  io.stdout(input.json ? `${JSON.stringify(answer, null, 2)}\n` : formatDeliveries(input.event, answer));
  return answer.deliveries.length > 0 && answer.deliveries.every((d) => d.state === 'delivered');
}
