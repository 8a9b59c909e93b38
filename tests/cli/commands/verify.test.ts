import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { registerVerifyCommand } from '../../../electron/cli/commands/verify.js';
import { sign } from '../../../shared/inboundflow/signature.js';
import { tempDir } from '../../support/temp-dir.js';
import { runCommand } from './run-command.js';

const SECRET = 'whsec_cli';
const BODY = '{"event":"lead.created","delivery_id":"d-7"}';
const now = () => String(Math.floor(Date.now() / 1000));

function verify(args: string[], stdin?: string) {
  return runCommand(registerVerifyCommand, ['verify', ...args], stdin);
}

describe('hookbench verify', () => {
  let dir: ReturnType<typeof tempDir>;
  let bodyFile: string;
  beforeEach(() => {
    dir = tempDir();
    bodyFile = join(dir.path, 'body.json');
    writeFileSync(bodyFile, BODY);
  });
  afterEach(() => dir.remove());

  it('prints "valid" and exits 0 for a good signature read from --body-file', async () => {
    const ts = now();
    const run = await verify(['--secret', SECRET, '--timestamp', ts, '--signature', sign(SECRET, ts, BODY), '--body-file', bodyFile]);
    expect(run).toEqual({ code: 0, stdout: 'valid\n', stderr: '' });
  });

  it('reads the body from stdin when no --body-file is given', async () => {
    const ts = now();
    const run = await verify(['--secret', SECRET, '--timestamp', ts, '--signature', sign(SECRET, ts, BODY)], BODY);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('valid\n');
  });

  it('exits 1 with cause, reason and fix for a wrong secret', async () => {
    const ts = now();
    const run = await verify(['--secret', SECRET, '--timestamp', ts, '--signature', sign('other', ts, BODY), '--body-file', bodyFile]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^invalid: signature_mismatch\nreason: .*does not match this secret.*\nfix: Copy the signing secret again/);
    expect(run.stdout).toContain(`expected: ${sign(SECRET, ts, BODY)}`);
    expect(run.stdout).toContain(`received: ${sign('other', ts, BODY)}`);
  });

  it('says when the previous secret matched, and still exits 0', async () => {
    const ts = now();
    const run = await verify([
      '--secret',
      SECRET,
      '--previous-secret',
      'whsec_old',
      '--timestamp',
      ts,
      '--signature',
      sign('whsec_old', ts, BODY),
      '--body-file',
      bodyFile,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^valid\nnote: .*previous secret \(#1\)/);
  });

  it('exits 1 for a stale timestamp, and accepts it with a wider --tolerance', async () => {
    const ts = String(Number(now()) - 600);
    const args = ['--secret', SECRET, '--timestamp', ts, '--signature', sign(SECRET, ts, BODY), '--body-file', bodyFile];
    const stale = await verify(args);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/^invalid: timestamp_too_old\n/);
    expect((await verify([...args, '--tolerance', '3600'])).code).toBe(0);
  });

  it('shows where a reformatted body parts from what was signed', async () => {
    const ts = now();
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    const run = await verify(['--secret', SECRET, '--timestamp', ts, '--signature', sign(SECRET, ts, BODY)], pretty);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^invalid: signed_reserialized_body\n/);
    expect(run.stdout).toContain('first difference at byte 1:');
  });

  it('prints the whole diagnosis as JSON with --json', async () => {
    const ts = now();
    const run = await verify(['--secret', SECRET, '--timestamp', ts, '--signature', 'sha256=abc', '--body-file', bodyFile, '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: 'invalid', cause: 'signature_malformed', steps: { received: 'sha256=abc' } });
  });

  it.each([
    ['--secret', ['--timestamp', '1', '--signature', 'sha256=00']],
    ['--timestamp', ['--secret', SECRET, '--signature', 'sha256=00']],
    ['--signature', ['--secret', SECRET, '--timestamp', '1']],
  ])('exits 2 with one "hookbench:" line when %s is missing', async (flag, args) => {
    const run = await verify(args, BODY);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`hookbench: ${flag} is required (see hookbench verify --help)\n`);
  });

  it('exits 2 when the body file cannot be read', async () => {
    const missing = join(dir.path, 'nope.json');
    const run = await verify(['--secret', SECRET, '--timestamp', '1', '--signature', 'sha256=00', '--body-file', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`hookbench: cannot read --body-file ${missing}: ENOENT\n`);
  });

  it('exits 2 when there is neither a body file nor piped input', async () => {
    const run = await verify(['--secret', SECRET, '--timestamp', '1', '--signature', 'sha256=00']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^hookbench: no body: pass --body-file FILE or pipe the body on stdin\n$/);
  });

  it('exits 2 for a tolerance that is not whole seconds', async () => {
    const run = await verify(['--secret', SECRET, '--timestamp', '1', '--signature', 'sha256=00', '--tolerance', '5m'], BODY);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('hookbench: --tolerance must be whole seconds, got "5m"\n');
  });

  it('reports an unknown flag on one "hookbench:" line with a non-zero status', async () => {
    const run = await verify(['--secrte', SECRET], BODY);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/^hookbench: unknown option '--secrte'/);
  });

  it('lists every flag in --help', async () => {
    const run = await verify(['--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--secret', '--previous-secret', '--timestamp', '--signature', '--body-file', '--tolerance', '--json']) {
      expect(run.stdout).toContain(flag);
    }
  });
});
