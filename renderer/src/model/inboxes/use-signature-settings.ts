import { useCallback, useEffect, useState } from 'react';
import type { SignatureSettings } from '../../../../shared/api/signatures.js';
import { useWorkbench } from '../common/workbench-context.js';

export type SignatureSettingsState =
  { status: 'loading' } | { status: 'ready'; settings: SignatureSettings } | { status: 'error'; message: string };

/** An inbox's signature setting, read again when the inbox changes (here or in another window). */
export function useSignatureSettings(inboxId: string | null): [SignatureSettingsState, (settings: SignatureSettings) => void] {
  const { signatureSettings, feed } = useWorkbench();
  const [state, setState] = useState<SignatureSettingsState>({ status: 'loading' });

  useEffect(() => {
    if (inboxId === null) return;
    let current = true;
    const read = () =>
      signatureSettings.get(inboxId).then(
        (settings) => current && setState({ status: 'ready', settings }),
        (error: unknown) => current && setState({ status: 'error', message: error instanceof Error ? error.message : String(error) }),
      );
    void read();
    const stop = feed.subscribe((message) => {
      if (message.type === 'inbox.updated' && message.inbox.id === inboxId) void read();
    });
    return () => {
      current = false;
      stop();
    };
  }, [inboxId, signatureSettings, feed]);

  const saved = useCallback((settings: SignatureSettings) => setState({ status: 'ready', settings }), []);
  return [state, saved];
}
