import net from 'node:net';

export interface RawResponse {
  status: number;
  head: string;
  body: Buffer;
}

/**
 * Sends bytes exactly as given over a plain socket: for header case, custom methods and malformed
 * input. It half-closes after them unless `halfClose` is false (the relay takes a half-close as the
 * sender leaving), and reads until the server closes.
 */
export function rawRequest(port: number, bytes: Buffer | string, host = '127.0.0.1', { halfClose = true } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host, () => (halfClose ? socket.end(bytes) : socket.write(bytes)));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split < 0 ? all.length : split).toString('latin1');
      resolve({ status: Number(head.split(' ')[1]), head, body: split < 0 ? Buffer.alloc(0) : all.subarray(split + 4) });
    });
  });
}

export function portOf(url: string): number {
  return Number(new URL(url).port);
}
