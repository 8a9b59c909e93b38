import { describe, expect, it } from 'vitest';
import { ensureTlsMaterial } from '../../../electron/engine/tls/local-ca.js';
import { startReceiver } from '../../../electron/engine/receiver/receiver.js';
import { tempDir } from '../../support/temp-dir.js';

describe('receiver resilience', () => {
  it('answers 500 when deriving or storing a request throws, logs it, and keeps serving', async () => {
    const dir = tempDir();
    const tls = await ensureTlsMaterial(dir.path);
    const logged: string[] = [];
    let calls = 0;
    const receiver = await startReceiver(
      {
        host: '127.0.0.1',
        httpPort: 0,
        httpsPort: 0,
        maxBody: 1024,
        headersTimeoutMs: 5000,
        requestTimeoutMs: 5000,
        tls: { cert: tls.serverCertPem, key: tls.serverKeyPem },
        log: (line) => logged.push(line),
      },
      () => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('boom'));
        return Promise.resolve({ status: 200, headers: [['Content-Type', 'text/plain']], body: Buffer.from('fine') });
      },
    );
    try {
      const failed = await fetch(`${receiver.httpUrl}/x`, { method: 'POST', body: 'a' });
      expect(failed.status).toBe(500);
      expect((await failed.json()).error).toBe('internal_error');
      expect(logged.join('\n')).toMatch(/boom/);
      const next = await fetch(`${receiver.httpUrl}/y`, { method: 'POST', body: 'b' });
      expect(await next.text()).toBe('fine');
    } finally {
      await receiver.close(100);
      dir.remove();
    }
  });
});
