import { Agent, type Dispatcher } from 'undici';
import type { RawHeaders } from '../../../shared/api/common.js';
import { classifyError, classifyStatus, describeFailure, type FailureClass } from './failure-class.js';
import { trustedCas } from './trust-store.js';

/** Response bodies are stored up to this size and marked as cut beyond it. */
export const RESPONSE_BODY_LIMIT = 64 * 1024;
// Past the stored part, this much more is read and dropped so the connection can be reused; beyond it the connection is closed.
const DRAIN_LIMIT = 1024 * 1024;

export interface SendRequest {
  url: URL;
  headers: RawHeaders;
  body: Buffer;
}

export interface AttemptResult {
  /** succeeded: a 2xx; failed: anything else; interrupted: stopped by the engine before any answer. */
  outcome: 'succeeded' | 'failed' | 'interrupted';
  durationMs: number;
  status: number | null;
  responseHeaders: RawHeaders | null;
  responseBody: Buffer | null;
  truncated: boolean;
  errorClass: FailureClass | null;
  errorMessage: string | null;
}

export interface SenderOptions {
  timeoutMs: number;
  /** PEM certificates trusted besides the system's: Hookbench's local CA. */
  extraCaPems?: readonly string[];
}

export interface Sender {
  send(request: SendRequest, stop?: AbortSignal): Promise<AttemptResult>;
  close(): Promise<void>;
}

type CutReason = 'timeout' | 'stopped' | 'drained';

function pairsFromRaw(raw: Buffer[] | undefined | null): RawHeaders | null {
  if (!raw) return null;
  const pairs: RawHeaders = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i].toString('latin1'), raw[i + 1].toString('latin1')]);
  return pairs;
}

function pairsFromObject(headers: Record<string, string | string[] | undefined>): RawHeaders {
  const pairs: RawHeaders = [];
  for (const [name, value] of Object.entries(headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) pairs.push([name, item]);
  }
  return pairs;
}

/** One attempt as an undici dispatch handler: collects the answer, keeps the first 64 KiB, settles once. */
class Attempt implements Dispatcher.DispatchHandler {
  readonly result: Promise<AttemptResult>;
  private resolve!: (result: AttemptResult) => void;
  private readonly started = performance.now();
  private controller: Dispatcher.DispatchController | null = null;
  private cutReason: CutReason | null = null;
  private settled = false;
  private status: number | null = null;
  private responseHeaders: RawHeaders | null = null;
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private seen = 0;

  constructor(private readonly timeoutMs: number) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
  }

  /** Ends the attempt early. Once the status is in, the verdict stands and only the body is cut short. */
  cut(reason: CutReason): void {
    this.cutReason ??= reason;
    if (this.status !== null) this.answered(false);
    else if (reason === 'timeout') this.failed('timeout', `${this.timeoutMs} ms`);
    else
      this.settle({
        outcome: 'interrupted',
        status: null,
        responseHeaders: null,
        responseBody: null,
        truncated: false,
        errorClass: null,
        errorMessage: 'Hookbench stopped before the endpoint answered.',
      });
    this.controller?.abort(new Error(`hookbench: attempt ${reason}`));
  }

  failed(errorClass: FailureClass, detail: string): void {
    this.settle({
      outcome: 'failed',
      status: null,
      responseHeaders: null,
      responseBody: null,
      truncated: false,
      errorClass,
      errorMessage: describeFailure(errorClass, detail, this.timeoutMs),
    });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.cutReason) controller.abort(new Error(`hookbench: attempt ${this.cutReason}`));
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    if (statusCode < 200) return; // 1xx is informational; the real answer follows
    this.status = statusCode;
    this.responseHeaders = pairsFromRaw((controller as { rawHeaders?: Buffer[] }).rawHeaders) ?? pairsFromObject(headers);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.seen += chunk.byteLength;
    if (this.kept < RESPONSE_BODY_LIMIT) {
      const part = chunk.subarray(0, RESPONSE_BODY_LIMIT - this.kept);
      this.chunks.push(part);
      this.kept += part.byteLength;
    }
    if (this.seen > RESPONSE_BODY_LIMIT + DRAIN_LIMIT) this.cut('drained');
  }

  onResponseEnd(): void {
    if (this.status !== null) this.answered(true);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.settled) return;
    if (this.status !== null) return this.answered(false);
    this.failed(classifyError(error), (error as NodeJS.ErrnoException).code ?? error.message);
  }

  private answered(complete: boolean): void {
    const errorClass = classifyStatus(this.status!);
    this.settle({
      outcome: errorClass ? 'failed' : 'succeeded',
      status: this.status,
      responseHeaders: this.responseHeaders,
      responseBody: Buffer.concat(this.chunks, this.kept),
      truncated: !complete || this.seen > this.kept,
      errorClass,
      errorMessage: errorClass ? describeFailure(errorClass, '', this.timeoutMs) : null,
    });
  }

  private settle(result: Omit<AttemptResult, 'durationMs'>): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve({ ...result, durationMs: Math.round(performance.now() - this.started) });
  }
}

/**
 * One POST per attempt over keep-alive connections (undici pools them per origin). Redirects are
 * never followed; one deadline covers connecting, sending and the answer; every failure is classified.
 */
export function createSender(options: SenderOptions): Sender {
  const { timeoutMs } = options;
  const agent = new Agent({
    connect: { ca: trustedCas(options.extraCaPems ?? []), timeout: timeoutMs },
    // The attempt's own deadline governs; undici's separate timers would only race it.
    headersTimeout: 0,
    bodyTimeout: 0,
  });

  return {
    async send(request, stop) {
      const attempt = new Attempt(timeoutMs);
      if (stop?.aborted) {
        attempt.cut('stopped');
        return attempt.result;
      }
      const timer = setTimeout(() => attempt.cut('timeout'), timeoutMs);
      const onStop = () => attempt.cut('stopped');
      stop?.addEventListener('abort', onStop, { once: true });
      try {
        agent.dispatch(
          {
            origin: request.url.origin,
            path: request.url.pathname + request.url.search,
            method: 'POST',
            headers: request.headers.flat(),
            body: request.body,
          },
          attempt,
        );
      } catch (error) {
        attempt.failed(classifyError(error), (error as Error).message);
      }
      try {
        return await attempt.result;
      } finally {
        clearTimeout(timer);
        stop?.removeEventListener('abort', onStop);
      }
    },
    // Called after every attempt was cut short, so nothing is left worth waiting for.
    close: () => agent.destroy(),
  };
}
