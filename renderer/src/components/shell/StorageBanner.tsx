import { useSyncExternalStore } from 'react';
import { useWorkbench } from '../../model/common/workbench-context.js';
import { StatusIcon } from '../common/StatusIcon.js';
import './StorageBanner.css';

/** Across the top while the store refuses writes: what happened and what to do. */
export function StorageBanner() {
  const { storage } = useWorkbench();
  const status = useSyncExternalStore(storage.subscribe, storage.getSnapshot);
  if (!status || status.state === 'ok') return null;
  return (
    <section className="storage-banner" role="alert" data-testid="storage-banner" data-state={status.state}>
      <StatusIcon shape="cross" size={16} />
      <div>
        <h2>{status.state === 'full' ? 'Storage full — new requests get 503 and are not stored' : 'Writes stopped — restart Hookbench'}</h2>
        <p>{status.message}</p>
      </div>
    </section>
  );
}
