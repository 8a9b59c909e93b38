import type { DismissalMemory } from '../../model/tunnel/tunnel-store.js';

const KEY = 'hookbench.tunnel.dismissed-url-change';

/** The dismissed URL-change banner, kept in localStorage so a reload does not show it again; memory only where storage is refused. */
export function urlChangeDismissals(storage: Storage | undefined = globalThis.localStorage): DismissalMemory {
  let remembered: string | null = null;
  return {
    read() {
      try {
        return storage?.getItem(KEY) ?? remembered;
      } catch {
        return remembered;
      }
    },
    write(at) {
      remembered = at;
      try {
        storage?.setItem(KEY, at);
      } catch {
        // Private mode or a full quota: the dismissal lasts for this page only.
      }
    },
  };
}
