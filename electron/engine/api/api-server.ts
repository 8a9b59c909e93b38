import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import { buildOpenApiDocument } from '../../../shared/api/openapi.js';
import { routes } from '../../../shared/api/routes.js';
import { isHookbenchError } from '../../../shared/errors.js';
import { listen } from '../listen.js';
import { checkHostAndOrigin, checkToken, sessionCookieName } from './guard.js';
import { createCheckHandlers } from './check-handlers.js';
import { createCoreHandlers, type HandlerContext } from './core-handlers.js';
import { createDispatchHandlers, type DispatchContext } from './dispatch-handlers.js';
import { createInsightHandlers } from './insight-handlers.js';
import { createSignatureHandlers } from './signature-handlers.js';
import { createExportHandlers } from './export-handlers.js';
import { StreamedReply } from './streamed-reply.js';
import { createReplayHandlers } from './replay-handlers.js';
import type { BulkReplays } from '../replay/bulk-replay.js';
import type { Replayer } from '../replay/replayer.js';
import { createResponseHandlers } from './response-handlers.js';
import type { Responder } from '../responses/responder.js';
import { createTunnelHandlers } from './tunnel-handlers.js';
import type { TunnelService } from '../tunnel/tunnel-service.js';
import { readJsonBody, sendError, sendJson } from './http-io.js';
import { createLiveSocket } from './live-socket.js';
import { compileRoutes } from './router.js';
import { isStorageError } from '../store/storage-condition.js';
import { serveStatic } from './static-files.js';
import { sessionValue } from './token.js';
import { SESSION_PATH } from '../../../shared/api/session-paths.js';

export interface ApiServerOptions extends HandlerContext {
  port: number;
  token: string;
  rendererDir: string;
  /** Named on the locked page, e.g. `hookbench serve`. */
  launchCommand?: string;
  /** Origins besides the API's own that may call it (the desktop window's custom scheme). */
  extraOrigins?: readonly string[];
  dispatch: DispatchContext;
  tunnel: TunnelService;
  /** Scripted responses, replays and exports. */
  replay: { responder: Responder; replayer: Replayer; bulk: BulkReplays };
  log: (line: string) => void;
}

export interface ApiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function corsHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

type Issue = ZodError['issues'][number];

/**
 * The issue to tell the user about. A union's own issue says only "Invalid input": look into the
 * branch that matched the body's discriminator (or the first branch that has something to say).
 */
function telling(issue: Issue, path: PropertyKey[] = []): { issue: Issue; path: PropertyKey[] } {
  const here = [...path, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path: here };
  const noMatch = (branch: Issue[]) => branch[0]?.code === 'invalid_union' && branch[0].errors.length === 0;
  const branch = issue.errors.find((b) => b.length > 0 && !noMatch(b)) ?? issue.errors.find((b) => b.length > 0);
  return branch ? telling(branch[0], here) : { issue, path: here };
}

function zodMessage(error: ZodError): string {
  const { issue, path } = telling(error.issues[0]);
  const field = path.length ? path.join('.') : 'request';
  return `${field}: ${issue.message}`;
}

/** The control API and the UI, on 127.0.0.1 only; the receiver's ports never serve either. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const extraOrigins = options.extraOrigins ?? [];
  // Each subsystem's handlers are spread in beside its routes in shared/api/routes.ts.
  const { store, version } = options;
  const match = compileRoutes(routes, {
    ...createCoreHandlers(options),
    ...createSignatureHandlers(options),
    ...createDispatchHandlers(options.dispatch),
    ...createTunnelHandlers(options.tunnel),
    ...createReplayHandlers({ store, ...options.replay }),
    ...createResponseHandlers({ store, responder: options.replay.responder }),
    ...createExportHandlers({ store, version, receiverOrigin: () => options.receiverUrls().http }),
    ...createInsightHandlers({ store, integrations: options.dispatch.integrations }),
    ...createCheckHandlers(options.dispatch),
  });
  const openApi = buildOpenApiDocument(routes, options.version);
  let port = options.port;

  const handleApi = async (req: IncomingMessage, res: ServerResponse, pathname: string, search: URLSearchParams) => {
    if (pathname === '/api/openapi.json' && req.method === 'GET') return sendJson(res, 200, openApi);
    const auth = checkToken(req.headers, options.token, port);
    if (!auth.ok) return sendError(res, auth.status, auth.error, auth.message);
    if (pathname === SESSION_PATH && req.method === 'POST') {
      // The browser UI trades the token from its URL for an HttpOnly cookie and forgets the token.
      const cookie = `${sessionCookieName(port)}=${sessionValue(options.token)}; HttpOnly; SameSite=Strict; Path=/`;
      return sendJson(res, 200, { ok: true }, { 'Set-Cookie': cookie });
    }
    const found = match(req.method ?? 'GET', pathname);
    if (found.kind === 'not_found')
      return sendError(res, 404, 'not_found', `No API route ${req.method} ${pathname}; see /api/openapi.json.`);
    if (found.kind === 'method_not_allowed') {
      res.setHeader('Allow', found.allowed.join(', '));
      return sendError(res, 405, 'method_not_allowed', `${pathname} accepts ${found.allowed.join(', ')}.`);
    }
    const { contract } = found;
    const query = contract.query ? contract.query.parse(Object.fromEntries(search)) : {};
    const rawBody = await readJsonBody(req);
    // A body schema that accepts nothing (all fields optional) lets `curl -X POST` without a body through.
    if (contract.body && rawBody === undefined && !contract.body.safeParse(undefined).success) {
      return sendError(res, 400, 'invalid_request', 'This route needs a JSON body.');
    }
    const body = contract.body ? contract.body.parse(rawBody) : undefined;
    const result = await found.handler({ params: found.params, query: query as never, body: body as never });
    if (result instanceof StreamedReply) return result.send(res);
    sendJson(res, contract.status ?? 200, result);
  };

  const server = http.createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, (req, res) => {
    const place = checkHostAndOrigin(req.headers, port, extraOrigins);
    if (!place.ok) return sendError(res, place.status, place.error, place.message);
    const origin = req.headers.origin;
    if (origin && extraOrigins.includes(origin)) {
      // The desktop window loads the UI from its own scheme, so its calls are cross-origin.
      for (const [name, value] of Object.entries(corsHeaders(origin))) res.setHeader(name, value);
      if (req.method === 'OPTIONS') {
        res.writeHead(204);
        return res.end();
      }
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') {
      return serveStatic(req, res, options.rendererDir, url.pathname, options.launchCommand);
    }
    handleApi(req, res, url.pathname, url.searchParams).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof ZodError) return sendError(res, 400, 'invalid_request', zodMessage(error), error.issues);
      if (isHookbenchError(error)) return sendError(res, error.status, error.code, error.message, error.details);
      if (isStorageError(error)) return sendError(res, 503, 'not_stored', store.condition.refusal(error).message);
      options.log(`control API error on ${req.method} ${url.pathname}: ${(error as Error).stack ?? String(error)}`);
      sendError(res, 500, 'internal_error', 'Hookbench hit an unexpected error; the details are in its log.');
    });
  });

  const live = createLiveSocket({ events: options.events, token: options.token, port: () => port, version: options.version, extraOrigins });
  server.on('upgrade', (req, socket, head) => live.handleUpgrade(req, socket, head));

  port = await listen(server, options.port, '127.0.0.1', 'control API', '--api-port');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async close() {
      live.close();
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}
