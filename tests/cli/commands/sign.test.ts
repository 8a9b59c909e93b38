import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { registerSignCommand } from '../../../electron/cli/commands/sign.js';
import { tempDir } from '../../support/temp-dir.js';
import { runCommand } from './run-command.js';

// Same vector as tests/shared/inboundflow/signature.test.ts, made with
// printf '%s' '1709064000.{"event":"call.completed","delivery_id":"d-1"}' | openssl dgst -sha256 -hmac whsec_test_secret
const SECRET = 'whsec_test_secret';
const BODY = '{"event":"call.completed","delivery_id":"d-1"}';
const SIGNATURE = 'sha256=4a2da7f0cf280fe3dab3eb8651d0f5e9b421da01f9224f446395c675c9fc4f9d';

function signCmd(args: string[], stdin?: string) {
  return runCommand(registerSignCommand, ['sign', ...args], stdin);
}

describe('hookbench sign', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('prints the timestamp and signature headers for a body on stdin', async () => {
    const run = await signCmd(['--secret', SECRET, '--timestamp', '1709064000'], BODY);
    expect(run).toEqual({
      code: 0,
      stdout: `X-InboundFlow-Timestamp: 1709064000\nX-InboundFlow-Signature: ${SIGNATURE}\n`,
      stderr: '',
    });
  });

  it('prints a curl config for `curl -K -` with --curl, signing the file bytes unchanged', async () => {
    const bodyFile = join(dir.path, 'body.json');
    writeFileSync(bodyFile, BODY);
    const run = await signCmd(['--secret', SECRET, '--timestamp', '1709064000', '--body-file', bodyFile, '--curl']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`header = "X-InboundFlow-Timestamp: 1709064000"\nheader = "X-InboundFlow-Signature: ${SIGNATURE}"\n`);
  });

  it('signs with the current time when no --timestamp is given', async () => {
    const before = Math.floor(Date.now() / 1000);
    const run = await signCmd(['--secret', SECRET], BODY);
    const after = Math.floor(Date.now() / 1000);
    const ts = Number(/X-InboundFlow-Timestamp: (\d+)/.exec(run.stdout)?.[1]);
    expect(ts).toBeGreaterThanOrEqual(before);
    expect(ts).toBeLessThanOrEqual(after);
  });

  it('exits 2 without --secret', async () => {
    const run = await signCmd(['--timestamp', '1709064000'], BODY);
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'hookbench: --secret is required (see hookbench sign --help)\n' });
  });

  it('exits 2 for a timestamp that is not unix seconds', async () => {
    const run = await signCmd(['--secret', SECRET, '--timestamp', '2026-02-24T21:00:00Z'], BODY);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('hookbench: --timestamp must be unix seconds, got "2026-02-24T21:00:00Z"\n');
  });

  it('exits 2 when the body file cannot be read', async () => {
    const run = await signCmd(['--secret', SECRET, '--body-file', join(dir.path, 'missing.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^hookbench: cannot read --body-file .*missing\.json: ENOENT\n$/);
  });
});
