import { readdirSync, watch } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine.js';
import { tempDir } from '../support/temp-dir.js';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('a start that fails', () => {
  it('leaves no new data dir behind when its port is taken after the check, while it writes its files', async () => {
    const parent = tempDir();
    cleanups.push(parent.remove);
    const apiPort = await freePort();
    // The moment the engine creates its data dir, another program takes the API port (listened last).
    const blocker = net.createServer();
    cleanups.push(() => blocker.close());
    const blocked = new Promise<void>((resolve, reject) => {
      const watcher = watch(parent.path, () => {
        watcher.close();
        blocker.once('error', reject);
        blocker.listen(apiPort, '127.0.0.1', resolve);
      });
      cleanups.push(() => watcher.close());
    });
    const engine = createEngine({ dataDir: join(parent.path, 'new', 'data'), apiPort, httpPort: 0, httpsPort: 0 });
    await expect(engine.start()).rejects.toMatchObject({ code: 'listen_failed' });
    await blocked;
    expect(readdirSync(parent.path)).toEqual([]);
  });
});
