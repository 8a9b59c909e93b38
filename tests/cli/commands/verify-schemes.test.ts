import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { registerVerifyCommand } from '../../../electron/cli/commands/verify.js';
import { runCommand } from './run-command.js';

const BODY = '{"id":"evt_1","type":"order.paid"}';
const verify = (args: string[], stdin: string | undefined = BODY) => runCommand(registerVerifyCommand, ['verify', ...args], stdin);
const nowSeconds = () => Math.floor(Date.now() / 1000);
const stripe = new Stripe('sk_test_cli').webhooks;
const STRIPE_SECRET = 'whsec_cliCliCliCliCliCliCliCliCliCli12';

describe('hookbench verify --scheme: signatures made by the senders’ libraries', () => {
  it('stripe: valid for generateTestHeaderString, with the scheme named', async () => {
    const header = stripe.generateTestHeaderString({ payload: BODY, secret: STRIPE_SECRET });
    expect(await verify(['--scheme', 'stripe', '--secret', STRIPE_SECRET, '--signature', header])).toEqual({
      code: 0,
      stdout: 'valid\nscheme: stripe\n',
      stderr: '',
    });
  });

  it('stripe: exit 1 for another secret, with expected and received aligned and the first difference marked', async () => {
    const header = stripe.generateTestHeaderString({ payload: BODY, secret: 'whsec_someoneElse' });
    const run = await verify(['--scheme', 'stripe', '--secret', STRIPE_SECRET, '--signature', header]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['invalid: signature_mismatch', 'scheme: stripe']);
    const expected = lines.find((line) => line.startsWith('expected: ')) ?? '';
    const received = lines.find((line) => line.startsWith('received: ')) ?? '';
    const caret = lines.find((line) => line.includes('^ first difference')) ?? '';
    expect(expected).toMatch(/^expected: v1=[0-9a-f]{64}$/);
    expect(received).toBe(`received: ${header.split(',')[1]}`);
    const at = caret.indexOf('^');
    expect(expected[at]).not.toBe(received[at]);
    expect(expected.slice(0, at)).toBe(received.slice(0, at).replace('received', 'expected'));
    expect(run.stdout).toContain(`header as received: ${header}\n`);
  });

  it('standard-webhooks: --id, --timestamp and --signature stand for the webhook-* headers', async () => {
    const secret = 'whsec_' + Buffer.from('cli standard webhooks key').toString('base64');
    const ts = nowSeconds();
    const signature = new Webhook(secret).sign('msg_1', new Date(ts * 1000), BODY);
    const args = [
      '--scheme',
      'standard-webhooks',
      '--secret',
      secret,
      '--id',
      'msg_1',
      '--timestamp',
      String(ts),
      '--signature',
      signature,
    ];
    expect((await verify(args)).code).toBe(0);
    const missingId = await verify(args.slice(0, 4).concat(args.slice(6)));
    expect(missingId.code).toBe(1);
    expect(missingId.stdout).toMatch(/^invalid: id_missing\n/);
  });

  it('auto: recognises the scheme from -H headers', async () => {
    const signature = `sha256=${createHmac('sha256', 'gh').update(BODY).digest('hex')}`;
    const run = await verify([
      '--scheme',
      'auto',
      '--secret',
      'gh',
      '-H',
      `X-Hub-Signature-256: ${signature}`,
      '-H',
      'X-GitHub-Event: push',
    ]);
    expect(run).toEqual({ code: 0, stdout: 'valid\nscheme: github\n', stderr: '' });
  });

  it('auto and inboundflow read InboundFlow headers from -H too', async () => {
    const ts = String(nowSeconds());
    const signature = `sha256=${createHmac('sha256', 'whsec_if').update(`${ts}.${BODY}`).digest('hex')}`;
    const headers = ['-H', `X-InboundFlow-Timestamp: ${ts}`, '-H', `X-InboundFlow-Signature: ${signature}`];
    expect(await verify(['--scheme', 'auto', '--secret', 'whsec_if', ...headers])).toEqual({
      code: 0,
      stdout: 'valid\nscheme: inboundflow\n',
      stderr: '',
    });
    expect(await verify(['--secret', 'whsec_if', ...headers])).toEqual({ code: 0, stdout: 'valid\n', stderr: '' });
  });

  it('twilio: valid against the public --url; with --local-url, says when only the local URL matches', async () => {
    const publicUrl = 'https://quiet-fox.trycloudflare.com/sms';
    const localUrl = 'http://127.0.0.1:4610/sms';
    const form = 'From=%2B1555&Body=hi';
    const params = { From: '+1555', Body: 'hi' };
    const good = twilio.getExpectedTwilioSignature('tok', publicUrl, params);
    expect((await verify(['--scheme', 'twilio', '--secret', 'tok', '--url', publicUrl, '--signature', good], form)).code).toBe(0);
    const local = twilio.getExpectedTwilioSignature('tok', localUrl, params);
    const run = await verify(
      ['--scheme', 'twilio', '--secret', 'tok', '--url', publicUrl, '--local-url', localUrl, '--signature', local],
      form,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^invalid: twilio_local_url\nscheme: twilio\nreason: The signature matches the local URL http:\/\/127\.0\.0\.1:4610\/sms/,
    );
  });

  it('slack: the sender’s tolerance by default, --tolerance to widen it', async () => {
    const ts = nowSeconds() - 600;
    const signature = `v0=${createHmac('sha256', 'slack').update(`v0:${ts}:${BODY}`).digest('hex')}`;
    const args = ['--scheme', 'slack', '--secret', 'slack', '--timestamp', String(ts), '--signature', signature];
    const stale = await verify(args);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/^invalid: timestamp_too_old\n/);
    expect((await verify([...args, '--tolerance', '3600'])).code).toBe(0);
  });

  it('--json prints the common diagnosis shape', async () => {
    const run = await verify([
      '--scheme',
      'shopify',
      '--secret',
      's',
      '--signature',
      createHmac('sha256', 's').update(BODY).digest('hex'),
      '--json',
    ]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ scheme: 'shopify', verdict: 'invalid', cause: 'wrong_encoding', matchedSecretIndex: 0 });
  });

  it('custom: described with flags, exit 0 for its signature and 1 with the cause otherwise', async () => {
    const describe = ['--scheme', 'custom', '--signature-header', 'X-Sig', '--prefix', 'sha1=', '--algorithm', 'sha1'];
    const signature = `sha1=${createHmac('sha1', 'k').update(BODY).digest('hex')}`;
    expect((await verify([...describe, '--secret', 'k', '--signature', signature])).code).toBe(0);
    const whitespace = await verify([...describe, '--secret', 'k ', '--signature', signature]);
    expect(whitespace.stdout).toMatch(/^invalid: secret_whitespace\n/);
  });
});

describe('hookbench verify --scheme: bad input is one line and exit 2', () => {
  it.each([
    [
      ['--scheme', 'paypal', '--secret', 's'],
      'hookbench: unknown --scheme "paypal"; use one of auto, inboundflow, standard-webhooks, stripe, github, shopify, slack, twilio, custom\n',
    ],
    [['--scheme', 'github', '--secret', 's', '--timestamp', '1'], 'hookbench: --timestamp does not apply to --scheme github\n'],
    [
      ['--scheme', 'stripe', '--secret', 's', '--timestamp', '1'],
      "hookbench: --timestamp does not apply to --scheme stripe: Stripe's timestamp is the t= inside --signature\n",
    ],
    [['--scheme', 'slack', '--secret', 's', '--id', 'x'], 'hookbench: --id does not apply to --scheme slack\n'],
    [
      ['--scheme', 'auto', '--secret', 's', '-H', 'Content-Type: text/plain'],
      'hookbench: --scheme auto found no signature header it knows among the -H headers\n',
    ],
    [
      ['--scheme', 'auto', '--secret', 's', '--signature', 'x'],
      'hookbench: --scheme auto recognises a scheme from -H headers; with --signature, name the --scheme\n',
    ],
    [['--scheme', 'stripe', '--signature', 'x'], 'hookbench: --secret is required (see hookbench verify --help)\n'],
    [['--scheme', 'stripe', '--secret', 's', '--tolerance', '5m'], 'hookbench: --tolerance must be whole seconds, got "5m"\n'],
  ])('%j', async (args, stderr) => {
    const run = await verify(args);
    expect(run).toEqual({ code: 2, stdout: '', stderr });
  });

  it('lists --scheme and the custom-scheme flags in --help', async () => {
    const run = await verify(['--help']);
    for (const flag of ['--scheme', '--header', '--id', '--url', '--local-url', '--signature-header', '--template', '--secret-encoding']) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toContain('Custom scheme:');
  });
});
