import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import type { Command } from 'commander';
import { exitWithError } from '../cli-error.js';
import { callEngine, findEngine } from '../running-engine.js';
import { failBadInput } from './command-io.js';

interface ExportFlags {
  format: string;
  out?: string;
  api?: string;
  dataDir?: string;
  direction?: string;
  inbox?: string;
  integration?: string;
  event?: string;
  status?: string;
  signature?: string;
  schema?: string;
  q?: string;
}

const FILTERS = ['direction', 'inbox', 'integration', 'event', 'status', 'signature', 'schema', 'q'] as const;

/** `hookbench export`: streams deliveries from the running engine as HAR 1.2, NDJSON or JSON (one delivery also as curl). */
export function registerExportCommand(program: Command): void {
  const command = program
    .command('export')
    .description('export deliveries from the running engine: HAR 1.2, NDJSON or JSON (one delivery also as a curl script)')
    .argument('[id]', 'export just this delivery (formats curl, har, json)')
    .option('--format <format>', 'har, ndjson or json (with an id: curl, har or json)', 'json')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--direction <in|out>', 'only incoming or outgoing deliveries')
    .option('--inbox <slug|id>', 'only this inbox')
    .option('--integration <id>', 'only this integration')
    .option('--event <event>', 'only this InboundFlow event type')
    .option('--status <class>', 'response status class: 1xx, 2xx, 3xx, 4xx, 5xx or none')
    .option('--signature <verdict>', 'valid, invalid, unsigned or no_secret')
    .option('--schema <verdict>', 'valid or invalid')
    .option('--q <text>', 'free text in the path or event type')
    .option('--api <url>', 'the engine API (env HOOKBENCH_API_URL; default: found through the data dir)')
    .option('--data-dir <dir>', 'data dir of the running engine: its runtime.json and api-token (env HOOKBENCH_DATA_DIR)')
    .addHelpText(
      'after',
      '\nExamples:\n  hookbench export --format har --inbox stripe --out stripe.har\n  hookbench export --format ndjson --event call.completed | jq .id\n  hookbench export dlv_0mfx3k2a1c9d7e6f5a4b3c2d1e --format curl | sh',
    )
    .action(async (id: string | undefined, flags: ExportFlags) => {
      const formats = id ? ['curl', 'har', 'json'] : ['har', 'ndjson', 'json'];
      if (!id && flags.format === 'curl') {
        failBadInput(
          command,
          '--format curl exports one delivery: give its id, as in hookbench export dlv_… --format curl (without an id: har, ndjson or json)',
        );
      }
      if (!formats.includes(flags.format))
        failBadInput(command, `--format must be one of ${formats.join(', ')}${id ? ' for one delivery' : ''}, got "${flags.format}"`);
      const query = new URLSearchParams({ format: flags.format });
      if (id) {
        const used = FILTERS.filter((name) => flags[name] !== undefined);
        if (used.length > 0) failBadInput(command, `--${used[0]} filters a set; it does not apply to one delivery`);
      } else for (const name of FILTERS) if (flags[name] !== undefined) query.set(name, flags[name]);
      try {
        const engine = findEngine(flags);
        const path = id ? `/deliveries/${encodeURIComponent(id)}/export?${query}` : `/export?${query}`;
        const res = await callEngine(engine, path);
        const target: Writable = flags.out ? createWriteStream(flags.out) : process.stdout;
        await pipeline(Readable.fromWeb(res.body as ReadableStream), target, { end: Boolean(flags.out) });
        if (flags.out) process.stderr.write(`exported to ${flags.out}\n`);
      } catch (error) {
        exitWithError(error);
      }
    });
}
