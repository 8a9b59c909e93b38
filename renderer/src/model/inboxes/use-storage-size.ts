import { useEffect, useRef, useState } from 'react';
import type { Health } from '../../../../shared/api/health.js';
import { useWorkbench } from '../common/workbench-context.js';

/**
 * The data dir's size from the engine's health; read again (after a short pause, so a burst is read
 * once) whenever `changes` moves, e.g. the stored delivery count. Null until the first answer.
 */
export function useStorageSize(changes: number): Health['storage'] | null {
  const { client } = useWorkbench();
  const [storage, setStorage] = useState<Health['storage'] | null>(null);
  const readOnce = useRef(false);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(
      () => {
        client.call('health').then(
          (health) => {
            readOnce.current = true;
            if (current) setStorage(health.storage);
          },
          () => undefined,
        );
      },
      readOnce.current ? 1_000 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, changes]);
  return storage;
}
