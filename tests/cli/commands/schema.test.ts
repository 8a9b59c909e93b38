import { describe, it, expect } from 'vitest';
import { registerSchemaCommand } from '../../../electron/cli/commands/schema.js';
import { INBOUNDFLOW_EVENTS } from '../../../shared/inboundflow/events.js';
import { runCommand } from './run-command.js';

describe('hookbench schema', () => {
  it.each(INBOUNDFLOW_EVENTS)('prints the pretty JSON Schema of %s', async (event) => {
    const run = await runCommand(registerSchemaCommand, ['schema', event]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^\{\n {2}"\$schema"/);
    const schema = JSON.parse(run.stdout) as { title: string; properties: { event: { const: string } } };
    expect(schema.properties.event.const).toBe(event);
    expect(schema.title).toBe(`InboundFlow ${event} delivery`);
  });

  it('exits 2 for an unknown event and lists the known ones', async () => {
    const run = await runCommand(registerSchemaCommand, ['schema', 'call.started']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'hookbench: unknown event "call.started"; known events: call.completed, call.transferred, appointment.booked, lead.created\n',
    });
  });

  it('reports a missing event on one "hookbench:" line with a non-zero status', async () => {
    const run = await runCommand(registerSchemaCommand, ['schema']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toBe("hookbench: missing required argument 'event'\n");
  });
});
