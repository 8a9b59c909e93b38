import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { CALL_COMPLETED_SAMPLE } from '../../shared/inboundflow/samples.js';
import { sign } from '../../shared/inboundflow/signature.js';
import { SECRET_ENV, verifySnippet, VERIFY_SNIPPETS } from '../../renderer/src/model/signatures/verify-snippets.js';

const require = createRequire(import.meta.url);
const SECRET = 'whsec_snippet_test';
const NOW = Math.floor(Date.now() / 1000);
const TS = String(NOW);
// Pretty-printed on purpose: a verifier that re-serializes the JSON would reject it.
const BODY = JSON.stringify({ ...CALL_COMPLETED_SAMPLE, delivery_id: 'dlv-snippet' }, null, 2);
const SIGNATURE = sign(SECRET, TS, BODY);
const TAMPERED = BODY.replace('"duration_seconds": 55', '"duration_seconds": 56');
const tempDirs: string[] = [];

afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

type Verify = (rawBody: unknown, timestamp: unknown, signature: unknown, secret: string, nowSeconds?: number) => boolean;
type Handler = (req: unknown, res: unknown) => void;

/**
 * Runs the Node.js snippet exactly as copied, with `express` replaced by a stand-in that records
 * the route (express is not installed here) and everything else, node:crypto included, real.
 */
function runNodeSnippet(): { verify: Verify; path: string; middleware: unknown; handler: Handler; listening: number | null } {
  const routes: { path: string; handlers: unknown[] }[] = [];
  let listening: number | null = null;
  const express = Object.assign(
    () => ({
      post: (path: string, ...handlers: unknown[]) => routes.push({ path, handlers }),
      listen: (port: number) => (listening = port),
    }),
    { raw: (options: unknown) => ({ middleware: 'express.raw', options }) },
  );
  const sandbox: Record<string, unknown> = {
    require: (id: string) => (id === 'express' ? express : require(id)),
    process: { env: { [SECRET_ENV]: SECRET } },
    Buffer,
  };
  runInNewContext(verifySnippet('node').code, sandbox);
  expect(routes).toHaveLength(1);
  const [middleware, handler] = routes[0].handlers;
  return { verify: sandbox.verifyInboundFlowSignature as Verify, path: routes[0].path, middleware, handler: handler as Handler, listening };
}

/** What the snippet's handler answered, for a request whose body express.raw has read into a Buffer. */
function call(handler: Handler, body: Buffer, headers: Record<string, string>): { status: number; body?: unknown } {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const answer: { status: number; body?: unknown } = { status: 0 };
  const res = {
    status(code: number) {
      answer.status = code;
      return res;
    },
    send(value: unknown) {
      answer.body = value;
      return res;
    },
    sendStatus(code: number) {
      answer.status = code;
      return res;
    },
  };
  handler({ body, get: (name: string) => lower[name.toLowerCase()] }, res);
  return answer;
}

describe('the Node.js verify snippet, run for real', () => {
  const snippet = runNodeSnippet();

  it('accepts a body signed with the shared sign(), verified over the raw bytes', () => {
    expect(snippet.verify(Buffer.from(BODY), TS, SIGNATURE, SECRET, NOW)).toBe(true);
  });

  it('rejects a tampered body, another secret, and a signature over the payload timestamp', () => {
    expect(snippet.verify(Buffer.from(TAMPERED), TS, SIGNATURE, SECRET, NOW)).toBe(false);
    expect(snippet.verify(Buffer.from(BODY), TS, sign('whsec_other', TS, BODY), SECRET, NOW)).toBe(false);
    expect(snippet.verify(Buffer.from(BODY), TS, sign(SECRET, CALL_COMPLETED_SAMPLE.timestamp, BODY), SECRET, NOW)).toBe(false);
  });

  it('returns false without throwing for a signature of another length, or a missing or malformed one', () => {
    const body = Buffer.from(BODY);
    for (const signature of ['sha256=abc123', `${SIGNATURE}00`, SIGNATURE.slice(0, -1), '', undefined, `${SIGNATURE.slice(0, -1)}é`]) {
      expect(() => snippet.verify(body, TS, signature, SECRET, NOW)).not.toThrow();
      expect(snippet.verify(body, TS, signature, SECRET, NOW)).toBe(false);
    }
  });

  it('rejects timestamps outside the 300-second tolerance either way, and ones that are not unix seconds', () => {
    const body = Buffer.from(BODY);
    expect(snippet.verify(body, TS, SIGNATURE, SECRET, NOW + 300)).toBe(true);
    expect(snippet.verify(body, TS, SIGNATURE, SECRET, NOW + 301)).toBe(false);
    expect(snippet.verify(body, TS, SIGNATURE, SECRET, NOW - 301)).toBe(false);
    const iso = '2026-02-24T21:00:00.000Z';
    expect(snippet.verify(body, iso, sign(SECRET, iso, BODY), SECRET, NOW)).toBe(false);
    expect(snippet.verify(body, undefined, SIGNATURE, SECRET, NOW)).toBe(false);
  });

  it('refuses a body that is not the raw Buffer (a parsed req.body) instead of re-serializing it', () => {
    expect(snippet.verify(JSON.parse(BODY), TS, SIGNATURE, SECRET, NOW)).toBe(false);
    expect(snippet.verify(undefined, TS, SIGNATURE, SECRET, NOW)).toBe(false);
  });

  it('wires express.raw for JSON into the route, answers 200 when valid and 401 otherwise', () => {
    expect(snippet.middleware).toEqual({ middleware: 'express.raw', options: { type: 'application/json' } });
    expect(snippet.listening).toBe(3000);
    const headers = { 'X-InboundFlow-Timestamp': TS, 'X-InboundFlow-Signature': SIGNATURE };
    expect(call(snippet.handler, Buffer.from(BODY), headers).status).toBe(200);
    expect(call(snippet.handler, Buffer.from(TAMPERED), headers).status).toBe(401);
    expect(call(snippet.handler, Buffer.from(BODY), { ...headers, 'X-InboundFlow-Signature': 'sha256=short' }).status).toBe(401);
    expect(call(snippet.handler, Buffer.from(BODY), { 'X-InboundFlow-Timestamp': TS }).status).toBe(401);
  });
});

const hasPython = spawnSync('python3', ['--version']).status === 0;
const hasFlask = hasPython && spawnSync('python3', ['-c', 'import flask']).status === 0;

/** Runs a Python script next to the snippet (saved as inboundflow_verify.py) and returns what it printed as JSON. */
function runPython(script: string): unknown {
  const dir = mkdtempSync(join(tmpdir(), 'hookbench-snippet-'));
  tempDirs.push(dir);
  writeFileSync(join(dir, 'inboundflow_verify.py'), verifySnippet('python').code);
  writeFileSync(join(dir, 'check.py'), script);
  const run = spawnSync('python3', ['check.py'], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      [SECRET_ENV]: SECRET,
      PYTHONDONTWRITEBYTECODE: '1',
      CASE: JSON.stringify({ BODY, TAMPERED, TS, SIGNATURE, NOW }),
    },
  });
  if (run.status !== 0) throw new Error(`python3 failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe.skipIf(!hasPython)('the Python verify snippet, run with python3', () => {
  it.skipIf(!hasFlask)(
    'answers 200 for a signed body and 401 for a tampered body or a signature of another length (Flask test client)',
    () => {
      const results = runPython(`
import json, os
from inboundflow_verify import app, verify_inboundflow_signature
case = json.loads(os.environ["CASE"])
client = app.test_client()
def post(body, signature):
    headers = {"Content-Type": "application/json", "X-InboundFlow-Timestamp": case["TS"]}
    if signature is not None:
        headers["X-InboundFlow-Signature"] = signature
    return client.post("/webhooks/inboundflow", data=body.encode("utf-8"), headers=headers).status_code
body, now = case["BODY"].encode("utf-8"), case["NOW"]
print(json.dumps({
    "route": [post(case["BODY"], case["SIGNATURE"]), post(case["TAMPERED"], case["SIGNATURE"]), post(case["BODY"], "sha256=abc"), post(case["BODY"], None)],
    "valid": verify_inboundflow_signature(body, case["TS"], case["SIGNATURE"], os.environ["${SECRET_ENV}"], now),
    "tampered": verify_inboundflow_signature(case["TAMPERED"].encode("utf-8"), case["TS"], case["SIGNATURE"], os.environ["${SECRET_ENV}"], now),
    "short": verify_inboundflow_signature(body, case["TS"], "sha256=abc", os.environ["${SECRET_ENV}"], now),
    "non_ascii": verify_inboundflow_signature(body, case["TS"], case["SIGNATURE"][:-1] + "\\u00e9", os.environ["${SECRET_ENV}"], now),
    "unicode_digits": verify_inboundflow_signature(body, "\\u0661\\u0662", case["SIGNATURE"], os.environ["${SECRET_ENV}"], now),
    "too_old": verify_inboundflow_signature(body, case["TS"], case["SIGNATURE"], os.environ["${SECRET_ENV}"], now + 301),
}))
`);
      expect(results).toEqual({
        route: [200, 401, 401, 401],
        valid: true,
        tampered: false,
        short: false,
        non_ascii: false,
        unicode_digits: false,
        too_old: false,
      });
    },
  );
});

describe('every verify snippet', () => {
  // Go, Ruby and PHP are not installed here; these pin the parts that make them correct, which were checked by reading.
  const needs: Record<string, RegExp[]> = {
    node: [/express\.raw\(/, /received\.length === expected\.length && crypto\.timingSafeEqual/],
    python: [/request\.get_data\(\)/, /hmac\.compare_digest\(/],
    go: [/io\.ReadAll\(/, /hmac\.Equal\(/],
    ruby: [
      /request\.body\.read/,
      /return false unless expected\.bytesize == signature\.bytesize/,
      /Rack::Utils\.secure_compare\(expected, signature\)/,
    ],
    php: [/php:\/\/input/, /hash_equals\(\$expected, \$signature\)/],
  };

  it.each(VERIFY_SNIPPETS.map((snippet) => [snippet.label, snippet] as const))(
    '%s reads the raw body, compares in constant time and keeps the tolerance',
    (_label, snippet) => {
      for (const pattern of needs[snippet.language]) expect(snippet.code).toMatch(pattern);
      expect(snippet.code).toMatch(/X-InboundFlow-Timestamp|HTTP_X_INBOUNDFLOW_TIMESTAMP/);
      expect(snippet.code).toMatch(/X-InboundFlow-Signature|HTTP_X_INBOUNDFLOW_SIGNATURE/);
      expect(snippet.code).toContain(SECRET_ENV);
      expect(snippet.code).toMatch(/300/);
      expect(snippet.code).toMatch(/sha256=/);
    },
  );
});
