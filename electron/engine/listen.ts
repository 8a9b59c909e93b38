import type { Server } from 'node:net';
import { HookbenchError } from '../../shared/errors.js';

/** Starts listening and turns the usual failures into one sentence that names the setting. */
export function listen(server: Server, port: number, host: string, label: string, flag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      const where = `${host}:${port}`;
      const messages: Record<string, string> = {
        EADDRINUSE: `Port ${port} (${label}) is already in use on ${host}; stop the other program or choose another port with ${flag}.`,
        EACCES: `Not allowed to listen on ${where} (${label}); use a port above 1023 with ${flag}.`,
        EADDRNOTAVAIL: `Cannot listen on ${where} (${label}): ${host} is not an address of this machine.`,
      };
      reject(new HookbenchError('listen_failed', messages[error.code ?? ''] ?? `Cannot listen on ${where} (${label}): ${error.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** URL host form of a bind address: IPv6 literals need brackets. */
export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
