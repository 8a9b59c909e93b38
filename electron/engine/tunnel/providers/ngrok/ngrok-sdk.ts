import type ngrok from '@ngrok/ngrok';

export type NgrokSdk = typeof ngrok;

let loaded: Promise<NgrokSdk> | null = null;

/**
 * The official ngrok SDK, loaded on first use: its native part is a per-platform package, and an
 * engine that never uses ngrok must start even where that package is missing.
 */
export function loadNgrokSdk(): Promise<NgrokSdk> {
  const loading = loaded ?? import('@ngrok/ngrok').then((module) => module.default);
  loaded = loading;
  loading.catch(() => {
    if (loaded === loading) loaded = null; // A failed load is tried again on the next connect.
  });
  return loading;
}
