// Runs the built ngrok provider until it reports WAIT_FOR, stops it, then does nothing more:
// the process must end by itself, with no native thread, socket or timer of the SDK keeping it alive.
import { createNgrokProvider } from '../../../../../dist/electron/engine/tunnel/providers/ngrok/ngrok-provider.js';

const { AUTHTOKEN, SERVER_ADDR, SERVER_CA, TARGET_URL, WAIT_FOR, URL_TIMEOUT_MS } = process.env;
const target = new URL(TARGET_URL);
let stopping = false;
const provider = createNgrokProvider(
  {
    authtoken: AUTHTOKEN ?? '',
    domain: null,
    serverAddr: SERVER_ADDR,
    serverCa: SERVER_CA || undefined,
    urlTimeoutMs: URL_TIMEOUT_MS ? Number(URL_TIMEOUT_MS) : undefined,
    retry: { baseMs: 50, maxMs: 200 },
  },
  {
    target: { host: target.hostname, port: Number(target.port), url: TARGET_URL },
    ingest: () => Promise.reject(new Error('unused')),
    maxBody: 1024,
    dataDir: '/nonexistent',
    log: () => undefined,
    report(report) {
      console.log(`report ${JSON.stringify(report)}`);
      if (report.state === WAIT_FOR && !stopping) {
        stopping = true;
        provider.stop(1000).then(() => console.log('stopped'));
      }
    },
  },
);
void provider.start();
