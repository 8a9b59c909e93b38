import { createContext, useContext } from 'react';
import type { Health } from '../../../../shared/api/health.js';

export const EngineHealthContext = createContext<Health | null>(null);

/** The receiver's base URL (scheme, host, port): where a reproduced request is sent. */
export function useReceiverOrigin(): string | null {
  const health = useContext(EngineHealthContext);
  if (!health) return null;
  try {
    return new URL(health.receiver.http).origin;
  } catch {
    return null;
  }
}
