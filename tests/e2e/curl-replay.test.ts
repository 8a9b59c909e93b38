import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InlineDeliveryRecord } from '../../shared/api/deliveries.js';
import { getDelivery, listDeliveries } from './support/api.js';
import { sendRawWebhook, type RawWebhook } from './support/raw-webhook.js';
import { openDelivery, openSignedIn } from './support/ui.js';
import { useE2eSession } from './support/session.js';

const run = promisify(execFile);

/** Headers that describe the connection, not the request; curl sets them its own way. */
const TRANSPORT = new Set(['host', 'content-length', 'connection', 'expect']);

function requestOf(record: InlineDeliveryRecord) {
  return {
    method: record.method,
    path: record.path,
    headers: record.headers.filter(([name]) => !TRANSPORT.has(name.toLowerCase())),
    body: record.body,
  };
}

describe('copy as curl', () => {
  const e2e = useE2eSession();
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'hookbench-curl-'));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Sends the original, copies its curl from the UI, runs it, and returns both records as the API has them. */
  async function replayThroughCurl(original: RawWebhook): Promise<[InlineDeliveryRecord, InlineDeliveryRecord]> {
    const engine = await e2e.start();
    const watched = await e2e.watch({ clipboard: true });
    const { page } = watched;
    await openSignedIn(page, engine);
    const sent = await sendRawWebhook(engine.receiverHttp, original);
    expect(sent.status).toBe(200);
    await openDelivery(page, sent.json.id!);

    await page.getByTestId('copy-curl').click();
    await page.locator('[data-testid="copy-curl"][data-copy-state="copied"]').waitFor();
    const command = await page.evaluate(() => navigator.clipboard.readText());
    expect(command).toMatch(/curl /);

    // From a file, as a paste would run it: a whole command can exceed what one exec argument may hold.
    const script = join(scratch, `replay-${sent.json.id}.sh`);
    writeFileSync(script, command + '\n');
    await run('sh', [script], { maxBuffer: 16 * 1024 * 1024 });

    const { items } = await listDeliveries(engine, '?limit=2');
    expect(items).toHaveLength(2);
    expect(items[1].id).toBe(sent.json.id);
    return [await getDelivery(engine, sent.json.id!), await getDelivery(engine, items[0].id)];
  }

  it('reproduces a text request exactly: method, path, header order, case, duplicates, empty values, and body bytes', async () => {
    const body = `{"event":"call.completed","note":"it's \\"quoted\\" $HOME \`id\` 100% \\\\ done","emoji":"📞 café"}\n\ttrailing\r\n`;
    const [original, replayed] = await replayThroughCurl({
      method: 'PATCH',
      path: '/i/default/hooks/[id]?a=1&b=%20two&c={x}',
      headers: [
        ['Content-Type', 'application/json; charset=utf-8'],
        ['X-InboundFlow-Event', 'call.completed'],
        ['x-dup', 'one'],
        ['User-Agent', 'InboundFlow-Webhook/1.0'],
        ['X-Dup', "two 'quoted'"],
        ['X-Empty', ''],
        ['X-InboundFlow-Signature', 'sha256=abc123'],
      ],
      body,
    });
    expect(replayed.body.data).toBe(body);
    expect(requestOf(replayed)).toEqual(requestOf(original));
  });

  it('reproduces a binary request byte for byte through a printf pipe, without headers the original lacked', async () => {
    const bytes = Buffer.from([0, 1, 2, 0x27, 0x25, 0x5c, 0x0a, 0x0d, 0x7f, 0x80, 0xfe, 0xff, ...Buffer.from('%s\\n$(id)')]);
    const [original, replayed] = await replayThroughCurl({
      path: '/upload',
      headers: [['Content-Type', 'application/octet-stream']],
      body: bytes,
    });
    expect(original.body.encoding).toBe('base64');
    expect(Buffer.from(replayed.body.data, 'base64')).toEqual(bytes);
    expect(requestOf(replayed)).toEqual(requestOf(original));
  });
});
