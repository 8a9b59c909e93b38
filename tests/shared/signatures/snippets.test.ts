import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseCustomSchemeConfig } from '../../../shared/signatures/custom-config.js';
import { BUILT_IN_SCHEMES, schemeNamed } from '../../../shared/signatures/registry.js';
import type { SchemeName, SignatureScheme } from '../../../shared/signatures/scheme.js';
import { verifySnippets, type SchemeSnippets } from '../../../shared/signatures/snippets/index.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// The snippets import the senders' libraries: the temp dir gets the repo's node_modules, as a project would have them.
const DIR = mkdtempSync(join(tmpdir(), 'hookbench-snippets-'));
symlinkSync(join(REPO, 'node_modules'), join(DIR, 'node_modules'), 'dir');
afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const PUBLIC_BASE = 'https://quiet-fox.trycloudflare.com';
const JSON_BODY = JSON.stringify({ id: 'evt_1', type: 'order.paid', data: { amount: 4200, note: 'pretty on purpose' } }, null, 2);
const FORM_BODY = 'AccountSid=AC1&Body=Hello+%C3%A9&From=%2B15005550006&To=%2B15005550001';
const CUSTOM_CONFIG = {
  header: 'X-Acme-Signature',
  prefix: 'sha512=',
  algorithm: 'sha512',
  encoding: 'base64',
  template: '{timestamp}.{header:X-Acme-Event}.{url}.{body}',
  timestampHeader: 'X-Acme-Timestamp',
  secretEncoding: 'base64',
} as const;

interface Case {
  scheme: SignatureScheme;
  snippets: SchemeSnippets;
  secret: string;
  body: string;
  path: string;
  contentType: string;
  extraHeaders?: [string, string][];
}

function caseFor(name: SchemeName, overrides: Partial<Case> = {}): Case {
  const secrets: Record<SchemeName, string> = {
    inboundflow: 'whsec_inboundflow_snippet',
    'standard-webhooks': 'whsec_' + Buffer.from('snippet-standard-webhooks-key').toString('base64'),
    stripe: 'whsec_snippetSnippetSnippet123456',
    github: 'github snippet secret',
    shopify: 'shpss_snippet_secret',
    slack: '8f742231b10e8888abcd99yyyzzz85a5',
    twilio: '0123456789abcdef0123456789abcdef',
    custom: 'whsec_' + Buffer.from('custom snippet key bytes').toString('base64'),
  };
  const custom = parseCustomSchemeConfig(CUSTOM_CONFIG);
  if (!custom.ok) throw new Error(custom.reason);
  const named = schemeNamed(name, CUSTOM_CONFIG);
  if (!named.ok) throw new Error(named.reason);
  return {
    scheme: named.scheme,
    snippets: name === 'custom' ? verifySnippets('custom', custom.config) : verifySnippets(name),
    secret: secrets[name],
    body: JSON_BODY,
    path: '/webhooks/in?tenant=7',
    contentType: 'application/json',
    ...(name === 'custom' ? { extraHeaders: [['X-Acme-Event', 'order.paid']] as [string, string][] } : {}),
    ...overrides,
  };
}

/** The request a sender makes: body, content type, and the scheme's signature headers for the public URL. */
function signedRequest(c: Case): { path: string; headers: [string, string][] } {
  const signed = c.scheme.sign({
    secret: c.secret,
    rawBody: c.body,
    timestamp: Math.floor(Date.now() / 1000),
    id: 'msg_snippet_1',
    url: PUBLIC_BASE + c.path,
    contentType: c.contentType,
    headers: c.extraHeaders,
  });
  if (!signed.ok) throw new Error(signed.reason);
  const path = signed.url ? signed.url.slice(PUBLIC_BASE.length) : c.path;
  return { path, headers: [['Content-Type', c.contentType], ...(c.extraHeaders ?? []), ...signed.headers] };
}

interface Running {
  port: number;
  /** The next line the snippet prints that is a verdict ("valid" or "invalid: …"). */
  nextVerdict(): Promise<string>;
  child: ChildProcess;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill();
});

/** Writes the snippet to a file and runs it with node, as a user would; resolves once it listens. */
function startSnippet(name: string, c: Case): Promise<Running> {
  const file = join(DIR, `${name}.mjs`);
  writeFileSync(file, c.snippets.node.code);
  const child = spawn(process.execPath, [file], {
    cwd: DIR,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      [c.snippets.secretEnv]: c.secret,
      ...(c.snippets.publicUrlEnv ? { [c.snippets.publicUrlEnv]: PUBLIC_BASE } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    waiters.splice(0).forEach((wake) => wake());
  });
  const nextLine = (test: (line: string) => boolean): Promise<string> =>
    new Promise((resolvePromise, reject) => {
      const look = () => {
        const at = lines.findIndex(test);
        if (at !== -1) return resolvePromise(lines.splice(0, at + 1)[at]);
        if (child.exitCode !== null) return reject(new Error(`snippet exited ${child.exitCode}:\n${stderr}`));
        waiters.push(look);
      };
      child.once('exit', () => waiters.splice(0).forEach((wake) => wake()));
      look();
    });
  return nextLine((line) => line.startsWith('listening on ')).then((line) => ({
    port: Number(/:(\d+)$/.exec(line)?.[1]),
    nextVerdict: () => nextLine((verdict) => /^(valid$|invalid)/.test(verdict)),
    child,
  }));
}

function post(port: number, path: string, headers: [string, string][], body: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: Object.fromEntries(headers) }, (res) => {
      res.resume();
      res.on('end', () => resolvePromise(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const NODE_CASES: Array<[string, () => Case]> = [
  ['inboundflow', () => caseFor('inboundflow')],
  ['standard-webhooks', () => caseFor('standard-webhooks')],
  ['stripe', () => caseFor('stripe')],
  ['github', () => caseFor('github')],
  ['shopify', () => caseFor('shopify')],
  ['slack', () => caseFor('slack')],
  ['twilio (form post)', () => caseFor('twilio', { body: FORM_BODY, contentType: 'application/x-www-form-urlencoded' })],
  ['twilio (JSON body, bodySHA256)', () => caseFor('twilio')],
  ['custom', () => caseFor('custom')],
];

describe('each Node.js snippet, run with node against a real signed request', () => {
  it.each(NODE_CASES)('%s: prints valid and answers 200, then invalid and 400 for a tampered body', async (label, make) => {
    const c = make();
    const snippet = await startSnippet(label.replace(/\W+/g, '-'), c);
    const { path, headers } = signedRequest(c);

    expect(await post(snippet.port, path, headers, c.body)).toBe(200);
    expect(await snippet.nextVerdict()).toBe('valid');

    const tamperedBody = c.body.replace('Hello', 'Hellp').replace('4200', '4201');
    expect(tamperedBody).not.toBe(c.body);
    expect(await post(snippet.port, path, headers, tamperedBody)).toBe(400);
    expect(await snippet.nextVerdict()).toMatch(/^invalid/);
  });

  it('twilio: the snippet refuses a request signed for the local URL instead of the public one', async () => {
    const c = caseFor('twilio', { body: FORM_BODY, contentType: 'application/x-www-form-urlencoded' });
    const snippet = await startSnippet('twilio-local', c);
    const local = twilioLocalSigned(c, snippet.port);
    expect(await post(snippet.port, c.path, local, c.body)).toBe(400);
    expect(await snippet.nextVerdict()).toMatch(/^invalid/);
  });
});

function twilioLocalSigned(c: Case, port: number): [string, string][] {
  const signed = BUILT_IN_SCHEMES.twilio.sign({
    secret: c.secret,
    rawBody: c.body,
    timestamp: 0,
    url: `http://127.0.0.1:${port}${c.path}`,
    contentType: c.contentType,
  });
  if (!signed.ok) throw new Error(signed.reason);
  return [['Content-Type', c.contentType], ...signed.headers];
}

const hasPython = spawnSync('python3', ['--version']).status === 0;
const hasFlask = hasPython && spawnSync('python3', ['-c', 'import flask']).status === 0;
const ALL: SchemeName[] = ['inboundflow', 'standard-webhooks', 'stripe', 'github', 'shopify', 'slack', 'twilio', 'custom'];

describe.skipIf(!hasPython)('each Python snippet', () => {
  it.each(ALL)('%s: compiles (python3 -m py_compile)', (name) => {
    const file = join(DIR, `snippet_${name.replace(/-/g, '_')}.py`);
    writeFileSync(file, caseFor(name).snippets.python.code);
    const run = spawnSync('python3', ['-m', 'py_compile', file], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  // The others need stripe, standardwebhooks, slack_sdk or twilio for Python, which are not installed here.
  it.skipIf(!hasFlask).each(['inboundflow', 'github', 'shopify', 'custom'] as SchemeName[])(
    '%s: answers 200 for a signed request and 400 for a tampered body (Flask test client)',
    (name) => {
      const c = caseFor(name);
      const module = `snippet_run_${name.replace(/-/g, '_')}`;
      writeFileSync(join(DIR, `${module}.py`), c.snippets.python.code);
      const route = /@app\.post\("([^"]+)"\)/.exec(c.snippets.python.code)?.[1] ?? '/';
      const { path, headers } = signedRequest({ ...c, path: route + '?tenant=7' });
      const script = `
import json, os
from ${module} import app
case = json.loads(os.environ["CASE"])
client = app.test_client()
def post(body):
    return client.post(case["path"], data=body.encode("utf-8"), headers=case["headers"], base_url="${PUBLIC_BASE}").status_code
print(json.dumps([post(case["body"]), post(case["tampered"])]))
`;
      const run = spawnSync('python3', ['-c', script], {
        cwd: DIR,
        encoding: 'utf8',
        env: {
          ...process.env,
          PYTHONDONTWRITEBYTECODE: '1',
          [c.snippets.secretEnv]: c.secret,
          ...(c.snippets.publicUrlEnv ? { [c.snippets.publicUrlEnv]: PUBLIC_BASE } : {}),
          CASE: JSON.stringify({ path, headers, body: c.body, tampered: c.body.replace('4200', '4201') }),
        },
      });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout.trim().split('\n').pop() ?? '')).toEqual([200, 400]);
    },
  );
});
