import type { TunnelProviderName } from '../../../../shared/api/tunnel-routes.js';
import type { ProviderFactory } from '../../../../electron/engine/tunnel/provider-registry.js';
import type { ProviderContext, ProviderReport } from '../../../../electron/engine/tunnel/provider.js';
import { startSwitchableProxy, type ProxyMode, type SwitchableProxy } from './switchable-proxy.js';

/** The sender address each provider's public side reports, as the real ones do. */
export const SENDER = '203.0.113.7';
const PROVIDER_HEADERS: Record<TunnelProviderName, Record<string, string>> = {
  relay: {},
  cloudflare: { 'CF-Connecting-IP': SENDER, 'X-Forwarded-Proto': 'https' },
  ngrok: { 'X-Forwarded-For': `${SENDER}, 198.51.100.1`, 'X-Forwarded-Proto': 'https' },
  localtunnel: { 'X-Forwarded-For': SENDER },
};

/**
 * A test-only provider: its "public URL" is a loopback proxy to the tunnel ingress that a test can
 * switch to drop requests while the provider keeps saying it is connected, or move to a new port
 * (a new URL), or report a loss.
 */
export interface StandInControl {
  readonly proxy: SwitchableProxy | null;
  readonly context: ProviderContext | null;
  setMode(mode: ProxyMode): void;
  /** A new public URL, as after a quick tunnel restart. */
  moveToNewUrl(): Promise<string>;
  report(report: ProviderReport): void;
  readonly started: number;
}

export function standInProviders(options: { urlStable?: boolean } = {}): { factory: ProviderFactory; control: StandInControl } {
  let proxy: SwitchableProxy | null = null;
  let context: ProviderContext | null = null;
  let name: TunnelProviderName = 'cloudflare';
  let mode: ProxyMode = 'pass';
  let started = 0;
  const open = async () => {
    proxy = await startSwitchableProxy(context!.target.url, PROVIDER_HEADERS[name]);
    proxy.setMode(mode);
    context!.report({ state: 'online', url: proxy.url, urlStable: options.urlStable ?? false });
    return proxy.url;
  };
  const control: StandInControl = {
    get proxy() {
      return proxy;
    },
    get context() {
      return context;
    },
    setMode(next) {
      mode = next;
      proxy?.setMode(next);
    },
    async moveToNewUrl() {
      const old = proxy;
      const url = await open();
      await old?.close();
      return url;
    },
    report: (report) => context!.report(report),
    get started() {
      return started;
    },
  };
  const factory: ProviderFactory = (resolved, ctx) => ({
    name: resolved.provider,
    async start() {
      started += 1;
      name = resolved.provider;
      context = ctx;
      ctx.report({ state: 'starting' });
      await open();
    },
    async stop() {
      await proxy?.close();
      proxy = null;
    },
  });
  return { factory, control };
}
