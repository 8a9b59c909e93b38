export interface EnginePorts {
  apiPort: number;
  httpPort: number;
  httpsPort: number;
}

/** Any port already taken becomes 0 (the OS picks a free one), so the app still opens. */
export function withFreePorts(ports: EnginePorts, taken: ReadonlySet<number>): EnginePorts {
  const pick = (port: number) => (port !== 0 && taken.has(port) ? 0 : port);
  return { apiPort: pick(ports.apiPort), httpPort: pick(ports.httpPort), httpsPort: pick(ports.httpsPort) };
}

/** Last resort when a port was grabbed between the probe and the listen. */
export const ANY_FREE_PORTS: EnginePorts = { apiPort: 0, httpPort: 0, httpsPort: 0 };
