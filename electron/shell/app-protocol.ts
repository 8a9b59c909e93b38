import { readFile } from 'node:fs/promises';
import { protocol, type Protocol } from 'electron';
import { APP_SCHEME } from './app-url.js';
import { rendererFileFor } from './renderer-file.js';

/**
 * Must run before `app.ready`. Standard + secure gives the window a real origin
 * (`hookbench://app`) and a secure context; corsEnabled stays off so no other origin can read it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer on `hookbench://app/…`, each file with the window's CSP. */
export function serveRendererFiles(sessionProtocol: Protocol, rendererDir: string, contentSecurityPolicy: string): void {
  sessionProtocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const found = rendererFileFor(rendererDir, request.url);
    if (!found.ok) return new Response(null, { status: found.status });
    let body: Buffer;
    try {
      body = await readFile(found.file);
    } catch {
      return new Response(null, { status: 404 });
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': found.contentType,
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  });
}
