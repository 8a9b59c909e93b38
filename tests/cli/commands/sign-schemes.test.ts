import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSignCommand } from '../../../electron/cli/commands/sign.js';
import { tempDir } from '../../support/temp-dir.js';
import { runCommand } from './run-command.js';

const BODY = '{"id":"evt_1","type":"order.paid"}';
const sign = (args: string[], stdin: string | undefined = BODY) => runCommand(registerSignCommand, ['sign', ...args], stdin);

/** "Name: value" lines as an object keyed by lower-case name. */
function parsed(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => {
        const at = line.indexOf(': ');
        return [line.slice(0, at).toLowerCase(), line.slice(at + 2)];
      }),
  );
}

describe('hookbench sign --scheme: the headers of any sender, checked by that sender’s library', () => {
  it('stripe: a Stripe-Signature that constructEvent accepts', async () => {
    const secret = 'whsec_cliCliCliCliCliCliCliCliCliCli12';
    const run = await sign(['--scheme', 'stripe', '--secret', secret]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const header = parsed(run.stdout)['stripe-signature'];
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(new Stripe('sk_test_cli').webhooks.constructEvent(BODY, header, secret)).toEqual(JSON.parse(BODY));
  });

  it('standard-webhooks: webhook-id (generated unless --id), webhook-timestamp and a signature Webhook.verify accepts', async () => {
    const secret = 'whsec_' + Buffer.from('cli standard webhooks key').toString('base64');
    const run = await sign(['--scheme', 'standard-webhooks', '--secret', secret]);
    const headers = parsed(run.stdout);
    expect(headers['webhook-id']).toMatch(/^msg_[0-9a-f]{24}$/);
    expect(() => new Webhook(secret).verify(BODY, headers)).not.toThrow();
    const withId = await sign(['--scheme', 'standard-webhooks', '--secret', secret, '--id', 'msg_fixed']);
    expect(parsed(withId.stdout)['webhook-id']).toBe('msg_fixed');
  });

  it('github: both signature headers, the SHA-256 one accepted by @octokit/webhooks-methods', async () => {
    const run = await sign(['--scheme', 'github', '--secret', 'gh-cli']);
    const headers = parsed(run.stdout);
    expect(Object.keys(headers)).toEqual(['x-hub-signature', 'x-hub-signature-256']);
    expect(await octokitVerify('gh-cli', BODY, headers['x-hub-signature-256'])).toBe(true);
  });

  it('twilio: needs --url; for a JSON body the URL gains bodySHA256, said on stderr and put in the curl config', async () => {
    const missing = await sign(['--scheme', 'twilio', '--secret', 'tok']);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: 'hookbench: Twilio signs the URL: give the full public URL the request will be sent to.\n',
    });

    const url = 'https://quiet-fox.trycloudflare.com/sms';
    const run = await sign(['--scheme', 'twilio', '--secret', 'tok', '--url', url]);
    expect(run.code).toBe(0);
    const sent = /send it to (\S+) /.exec(run.stderr)?.[1] ?? '';
    expect(sent).toBe(`${url}?bodySHA256=${twilio.getExpectedBodyHash(BODY)}`);
    expect(twilio.validateRequestWithBody('tok', parsed(run.stdout)['x-twilio-signature'], sent, BODY)).toBe(true);

    const curl = await sign(['--scheme', 'twilio', '--secret', 'tok', '--url', url, '--curl']);
    expect(curl.stdout).toContain(`url = "${sent}"\n`);
  });

  it('twilio: a form body is signed as sorted parameters, as validateRequest checks them', async () => {
    const url = 'https://quiet-fox.trycloudflare.com/sms';
    const run = await sign(['--scheme', 'twilio', '--secret', 'tok', '--url', url], 'From=%2B1555&Body=hi');
    expect(run.stderr).toBe('');
    expect(twilio.validateRequest('tok', parsed(run.stdout)['x-twilio-signature'], url, { From: '+1555', Body: 'hi' })).toBe(true);
  });

  it('custom: signs the described template, with the -H headers it names printed along', async () => {
    const run = await sign([
      '--scheme',
      'custom',
      '--secret',
      'k',
      '--signature-header',
      'X-Acme-Signature',
      '--prefix',
      'sha512=',
      '--algorithm',
      'sha512',
      '--encoding',
      'base64',
      '--template',
      '{timestamp}.{header:X-Acme-Event}.{body}',
      '--timestamp-header',
      'X-Acme-Timestamp',
      '--timestamp',
      '1709064000',
      '-H',
      'X-Acme-Event: order.paid',
    ]);
    expect(run.code).toBe(0);
    const { createHmac } = await import('node:crypto');
    const digest = createHmac('sha512', 'k').update(`1709064000.order.paid.${BODY}`).digest('base64');
    expect(run.stdout).toBe(`X-Acme-Event: order.paid\nX-Acme-Timestamp: 1709064000\nX-Acme-Signature: sha512=${digest}\n`);
  });

  it('curl config escapes quotes and backslashes in header values', async () => {
    const run = await sign(['--scheme', 'github', '--secret', 's', '-H', 'X-Note: say "hi" \\o/', '--curl']);
    expect(run.stdout.split('\n')[0]).toBe('header = "X-Note: say \\"hi\\" \\\\o/"');
  });
});

describe('hookbench sign --scheme: bad input is one line and exit 2', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it.each([
    [
      ['--scheme', 'paypal', '--secret', 's'],
      'hookbench: unknown --scheme "paypal"; use one of inboundflow, standard-webhooks, stripe, github, shopify, slack, twilio, custom\n',
    ],
    [['--scheme', 'custom', '--secret', 's'], 'hookbench: --scheme custom needs --signature-header (see hookbench sign --help)\n'],
    [
      ['--scheme', 'custom', '--secret', 's', '--signature-header', 'X-S', '--algorithm', 'md5'],
      'hookbench: Custom scheme: algorithm Invalid option: expected one of "sha1"|"sha256"|"sha512"\n',
    ],
    [
      ['--scheme', 'custom', '--secret', 's', '--signature-header', 'X-S', '--template', '{ts}{body}'],
      /^hookbench: Custom scheme: template Unknown placeholder \{ts\}/,
    ],
    [
      ['--scheme', 'custom', '--secret', 's', '--signature-header', 'X-S', '--template', '{header:X-E}{body}'],
      'hookbench: The template needs header X-E, which was not given.\n',
    ],
    [['--scheme', 'stripe', '--secret', 's', '--prefix', 'v1='], 'hookbench: --prefix describes a custom scheme; add --scheme custom\n'],
    [['--scheme', 'github', '--secret', 's', '-H', 'no colon'], 'hookbench: --header must be "Name: value", got "no colon"\n'],
    [
      ['--scheme', 'standard-webhooks', '--secret', 'whsec_!!'],
      'hookbench: The Standard Webhooks secret must be whsec_ followed by base64.\n',
    ],
  ])('%j', async (args, stderr) => {
    const run = await sign(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    if (typeof stderr === 'string') expect(run.stderr).toBe(stderr);
    else expect(run.stderr).toMatch(stderr);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reads the body file for any scheme', async () => {
    const file = join(dir.path, 'b.json');
    writeFileSync(file, BODY);
    const run = await sign(['--scheme', 'shopify', '--secret', 's', '--body-file', file], undefined);
    expect(run.stdout).toMatch(/^X-Shopify-Hmac-Sha256: [A-Za-z0-9+/]+=*\n$/);
  });
});
