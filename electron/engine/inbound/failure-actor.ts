import type { PlanAct, ResponsePlan } from './captured-request.js';
import { tricklePace } from './trickle-pace.js';

/**
 * What the actor needs of a transport to act out a failure on the sender's connection: the
 * direct receiver's socket (receiver/act-out.ts) or a tunnel stream (tunnel/inbound-stream.ts).
 */
export interface ActStage {
  /** True once the exchange is over: the sender left or the connection is gone. */
  gone(): boolean;
  /** Called once, when the exchange is over, however it ended. */
  onGone(listener: () => void): void;
  /** Cuts the connection abruptly: the sender sees a reset. */
  reset(): void;
  /** Waits without answering; a sender that gives up ends the exchange. */
  hold(): void;
  /** Closes without an answer: a hang's time limit. */
  closeUnanswered(): void;
  /** The status line and headers, with the full Content-Length. */
  writeHead(plan: ResponsePlan): void;
  /** Sends body bytes, as many as flow control allows; returns how many it took. `last` marks the body's end. */
  writeBody(chunk: Buffer, last: boolean): number;
  /** The answer is complete. */
  end(): void;
}

/**
 * Acts out a simulated failure, the same whichever transport carried the request, so a sender
 * sees the same thing either way. reset: the connection is cut. hang: no answer until the
 * sender gives up, or after `ms` the connection is closed unanswered. trickle: the head at once,
 * then the body a slice per tick. Resolves when the exchange is over.
 */
export function actOut(stage: ActStage, plan: ResponsePlan, act: PlanAct): Promise<void> {
  return new Promise((resolve) => {
    if (stage.gone()) return resolve();
    let timer: NodeJS.Timeout | null = null;
    let over = false;
    stage.onGone(() => {
      over = true;
      if (timer) clearTimeout(timer);
      resolve();
    });
    if (act.type === 'reset') {
      stage.reset();
      return resolve();
    }
    if (act.type === 'hang') {
      stage.hold();
      if (act.ms !== undefined) timer = setTimeout(() => stage.closeUnanswered(), act.ms);
      return;
    }
    const { tickMs, slice } = tricklePace(act.bytesPerSecond);
    const { body } = plan;
    let offset = 0;
    stage.writeHead(plan);
    const tick = () => {
      if (over) return;
      if (offset < body.byteLength) {
        const next = Math.min(offset + slice, body.byteLength);
        offset += stage.writeBody(body.subarray(offset, next), next === body.byteLength);
      }
      if (offset < body.byteLength) timer = setTimeout(tick, tickMs);
      else stage.end();
    };
    tick();
  });
}
