import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_SCHEMES } from '../../shared/signatures/registry.js';
import { BIN } from '../support/serve-process.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const hasCurl = spawnSync('curl', ['--version']).status === 0;
if (!hasCurl) console.log('sign --help examples: skipped, curl is not installed');

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
}

/** The examples `hookbench sign --help` prints, each as the shell text a user would paste. */
function examplesIn(help: string): string[] {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Examples'));
  const examples: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('  hookbench ')) examples.push(line.trim());
    else if (line.startsWith('    ') && examples.length > 0) examples[examples.length - 1] += `\n${line}`;
    else break;
  }
  return examples;
}

describe.skipIf(!hasCurl)('hookbench sign --help: the examples work exactly as printed', () => {
  const dir = tempDir('hookbench-sign-examples-');
  const received: Received[] = [];
  let server: Server;
  let origin: string;
  let examples: string[];
  // A `hookbench` on PATH, as after npm install -g: the examples call it by name.
  const binDir = join(dir.path, 'bin');

  beforeAll(async () => {
    mkdirSync(binDir);
    writeFileSync(join(binDir, 'hookbench'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(binDir, 'hookbench'), 0o755);
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          rawHeaders: req.rawHeaders,
          body: Buffer.concat(chunks),
        });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const help = await run(join(binDir, 'hookbench'), ['sign', '--help']);
    examples = examplesIn(help.stdout);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    dir.remove();
  });

  const shell = (example: string, env: Record<string, string>) =>
    run('/bin/sh', ['-c', example], { cwd: dir.path, env: { PATH: `${binDir}:${process.env.PATH}`, HOME: dir.path, ...env } });

  it('prints two examples, piping a curl config into curl -K -', () => {
    expect(examples).toHaveLength(2);
    for (const example of examples) expect(example).toMatch(/--curl \|\n\s+curl -K - /);
  });

  it('the InboundFlow example delivers the body with headers that verify', async () => {
    const body = `${JSON.stringify({ event: 'lead.created', delivery_id: 'd-1' }, null, 2)}\n`;
    writeFileSync(join(dir.path, 'body.json'), body);
    received.length = 0;
    await shell(examples[0], { SECRET: 'whsec_example', URL: `${origin}/in/demo` });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/in/demo' });
    expect(request.body.toString()).toBe(body);
    const headers = pairs(request.rawHeaders);
    expect(BUILT_IN_SCHEMES.inboundflow.verify({ rawBody: request.body, headers }, 'whsec_example', { now: new Date() })).toEqual({
      ok: true,
    });
  });

  it('the Twilio example sends the form to the signed URL, and it verifies there', async () => {
    const form = 'From=%2B15005550006&Body=Hello+%22there%22';
    writeFileSync(join(dir.path, 'form.txt'), form);
    received.length = 0;
    const url = `${origin}/sms?tenant=7`;
    await shell(examples[1], { AUTH_TOKEN: '0123456789abcdef0123456789abcdef', URL: url });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/sms?tenant=7' });
    expect(request.body.toString()).toBe(form);
    const verdict = BUILT_IN_SCHEMES.twilio.verify(
      { rawBody: request.body, headers: pairs(request.rawHeaders), url },
      '0123456789abcdef0123456789abcdef',
      {
        now: new Date(),
      },
    );
    expect(verdict).toEqual({ ok: true });
  });
});

function pairs(rawHeaders: string[]): [string, string][] {
  const result: [string, string][] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) result.push([rawHeaders[i], rawHeaders[i + 1]]);
  return result;
}
