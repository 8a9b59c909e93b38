import { startLocaltunnelServer } from '../tests/tunnel/support/localtunnel-server.js';

// The tests' stand-in localtunnel server in a process of its own, so it does not share the load generator's event loop.
const server = await startLocaltunnelServer({ maxConnCount: Number(process.env.LT_MAX_CONN_COUNT ?? 10) });
process.stdout.write(`listening ${server.url}\n`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
