import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { BASE_HEADERS } from './http-io.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/** The UI's policy: only its own scripts run; webhook content can never add one. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** HTML attribute text: the launch command is ours, but escaping keeps the page well-formed whatever it is. */
function attributeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** index.html with the command that started the engine in a meta tag, so the locked page can name it. */
export function indexHtml(html: string, launchCommand: string | undefined): string {
  if (!launchCommand) return html;
  return html.replace('</head>', `  <meta name="hookbench-launch-command" content="${attributeText(launchCommand)}" />\n  </head>`);
}

/** Serves the built renderer; unknown paths get index.html so client-side routes survive a reload. */
export function serveStatic(req: IncomingMessage, res: ServerResponse, rootDir: string, pathname: string, launchCommand?: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...BASE_HEADERS, Allow: 'GET, HEAD' });
    res.end();
    return;
  }
  const index = join(rootDir, 'index.html');
  if (!existsSync(index)) {
    res.writeHead(503, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The Hookbench UI is not built. Run `npm run build` in the Hookbench folder, then reload.\n');
    return;
  }
  const requested = normalize(join(rootDir, decodeURIComponent(pathname)));
  const insideRoot = requested.startsWith(rootDir + sep);
  const file = insideRoot && existsSync(requested) && statSync(requested).isFile() ? requested : index;
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    // Hashed asset names never change content; index.html must always be fresh.
    'Cache-Control': file === index ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') res.end();
  else if (file === index) res.end(indexHtml(readFileSync(index, 'utf8'), launchCommand));
  else createReadStream(file).pipe(res);
}
