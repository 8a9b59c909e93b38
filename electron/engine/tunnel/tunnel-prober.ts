import type { TunnelProbe } from '../../../shared/api/tunnel-routes.js';

export interface ProberTimes {
  /** Between probes while the tunnel is up (30 s by default). */
  intervalMs: number;
  /** After the provider comes online: how long quick retries go on before a failing probe counts. */
  settleMs: number;
  /** The pause between those quick retries. */
  settleRetryMs: number;
}

export const DEFAULT_PROBER_TIMES: ProberTimes = { intervalMs: 30_000, settleMs: 15_000, settleRetryMs: 1_000 };

export interface ProberOptions extends ProberTimes {
  /** Sends one probe through the current public URL. Never rejects. */
  probe(): Promise<TunnelProbe>;
  /** Every result, in order; `settling` while the quick retries after coming online still go on. */
  onResult(probe: TunnelProbe, settling: boolean): void;
}

export interface Prober {
  /** The provider came online (again): probe now, retry quickly while settling, then every interval. */
  begin(): void;
  /** Probe now (on demand) and restart the interval; null when no tunnel is up to probe. */
  probeNow(): Promise<TunnelProbe | null>;
  /** The provider is down or stopped: no more probes until the next begin. */
  end(): void;
}

/** Schedules the liveness probe: one in flight at a time, results of an ended run dropped. */
export function createProber(options: ProberOptions): Prober {
  let run = 0;
  let active = false;
  let settleUntil = 0;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<TunnelProbe | null> | null = null;

  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const schedule = (ms: number, mine: number) => {
    clear();
    timer = setTimeout(() => void once(mine), ms);
    timer.unref();
  };

  const once = (mine: number): Promise<TunnelProbe | null> => {
    if (inFlight) return inFlight;
    clear();
    const current: Promise<TunnelProbe | null> = options.probe().then((probe) => {
      if (inFlight === current) inFlight = null;
      if (mine !== run || !active) return null;
      const settling = settleUntil > 0 && !probe.ok && Date.now() + options.settleRetryMs < settleUntil;
      if (probe.ok || !settling) settleUntil = 0;
      options.onResult(probe, settling);
      schedule(settling ? options.settleRetryMs : options.intervalMs, mine);
      return probe;
    });
    inFlight = current;
    return current;
  };

  return {
    begin() {
      run += 1;
      active = true;
      settleUntil = Date.now() + options.settleMs;
      inFlight = null;
      void once(run);
    },
    probeNow() {
      if (!active) return Promise.resolve(null);
      return once(run);
    },
    end() {
      run += 1;
      active = false;
      settleUntil = 0;
      inFlight = null;
      clear();
    },
  };
}
