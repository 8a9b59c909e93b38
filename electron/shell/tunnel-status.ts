/**
 * The tunnel's public URL from an engine live message: a string while connected, null when
 * it went away, undefined for messages that say nothing about the tunnel.
 */
export function tunnelUrlFrom(message: { type: string }): string | null | undefined {
  if (message.type !== 'tunnel.status') return undefined;
  const url = (message as { url?: unknown }).url;
  return typeof url === 'string' && url !== '' ? url : null;
}
