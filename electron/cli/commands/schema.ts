import type { Command } from 'commander';
import { INBOUNDFLOW_EVENTS, isInboundFlowEvent } from '../../../shared/inboundflow/events.js';
import { eventJsonSchema } from '../../../shared/inboundflow/json-schema.js';
import { attachIo, type CommandIo, failBadInput, processIo } from './command-io.js';

/** `hookbench schema EVENT`: prints the JSON Schema of that event's envelope. */
export function registerSchemaCommand(program: Command, io: CommandIo = processIo): void {
  const command = program
    .command('schema')
    .description('print the JSON Schema (draft 2020-12) of an InboundFlow event envelope')
    .argument('<event>', `one of: ${INBOUNDFLOW_EVENTS.join(', ')}`)
    .action((event: string) => {
      if (!isInboundFlowEvent(event)) {
        failBadInput(command, `unknown event "${event}"; known events: ${INBOUNDFLOW_EVENTS.join(', ')}`);
      }
      io.stdout(`${JSON.stringify(eventJsonSchema(event), null, 2)}\n`);
    });
  attachIo(command, io);
}
