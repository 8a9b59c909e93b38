import { describe, expect, it } from 'vitest';
import { ANY_FREE_PORTS, withFreePorts } from '../../electron/shell/port-fallback.js';

describe('port fallback for the desktop engine', () => {
  const defaults = { apiPort: 4600, httpPort: 4610, httpsPort: 4611 };

  it('keeps the default ports when they are free', () => {
    expect(withFreePorts(defaults, new Set())).toEqual(defaults);
  });

  it('swaps only the taken ports for 0, so the OS picks free ones and the rest stay familiar', () => {
    expect(withFreePorts(defaults, new Set([4600]))).toEqual({ apiPort: 0, httpPort: 4610, httpsPort: 4611 });
    expect(withFreePorts(defaults, new Set([4610, 4611]))).toEqual({ apiPort: 4600, httpPort: 0, httpsPort: 0 });
  });

  it('has an all-free last resort', () => {
    expect(ANY_FREE_PORTS).toEqual({ apiPort: 0, httpPort: 0, httpsPort: 0 });
  });
});
