import { useState, useSyncExternalStore } from 'react';
import { SnapshotStore } from './snapshot-store.js';

export interface ActionState {
  busy: boolean;
  /** The last failure's sentence, until the next run or clearError. */
  error: string | null;
}

const IDLE: ActionState = { busy: false, error: null };

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One user action that talks to the engine: busy while it runs, its error kept for the UI, one run at a time. */
export class ActionRunner extends SnapshotStore<ActionState> {
  protected snapshot: ActionState = IDLE;

  /** Runs `perform` unless a run is under way; the result, or undefined when it failed or did not run (the error is kept). */
  run = async <R>(perform: () => Promise<R>): Promise<R | undefined> => {
    if (this.snapshot.busy) return undefined;
    this.publish({ busy: true, error: null });
    try {
      const result = await perform();
      this.publish(IDLE);
      return result;
    } catch (error) {
      this.publish({ busy: false, error: errorText(error) });
      return undefined;
    }
  };

  clearError = (): void => {
    if (this.snapshot.error !== null) this.publish({ ...this.snapshot, error: null });
  };
}

/** An ActionRunner for a component: `busy` and `error` to render, `run` to start it. */
export function useAction(): ActionState & Pick<ActionRunner, 'run' | 'clearError'> {
  const [runner] = useState(() => new ActionRunner());
  const state = useSyncExternalStore(runner.subscribe, runner.getSnapshot);
  return { ...state, run: runner.run, clearError: runner.clearError };
}
