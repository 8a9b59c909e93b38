import { describe, expect, it } from 'vitest';
import { runCli } from '../support/serve-process.js';

// The built program, not a command registered alone: the usage-error settings live on the program.
describe('usage errors as the hookbench program prints them', () => {
  it.each(['sign', 'verify'])('%s without --secret says so in exactly one line', async (command) => {
    const result = await runCli([command]);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `hookbench: --secret is required (see hookbench ${command} --help)\n` });
  });

  it('export --format curl without an id says that curl takes one delivery id and how to give it', async () => {
    const result = await runCli(['export', '--format', 'curl']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'hookbench: --format curl exports one delivery: give its id, as in hookbench export dlv_… --format curl ' +
        '(without an id: har, ndjson or json)\n',
    );
  });

  it('export with a format that fits neither case lists the formats in one line', async () => {
    const result = await runCli(['export', '--format', 'xml']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'hookbench: --format must be one of har, ndjson, json, got "xml"\n' });
  });

  it('check without a URL, or with something that is not one, says so in one line', async () => {
    expect(await runCli(['check'])).toEqual({ code: 2, stdout: '', stderr: "hookbench: missing required argument 'url'\n" });
    const notUrl = await runCli(['check', 'localhost:3000']);
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toMatch(/^hookbench: "localhost:3000" is not an https:\/\/ or http:\/\/ URL; [^\n]*\n$/);
  });
});
