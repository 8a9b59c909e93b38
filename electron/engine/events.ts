import { EventEmitter } from 'node:events';
import type { LiveMessage } from '../../shared/api/live.js';

/** The engine's internal bus; the live WebSocket forwards every message on it. */
export class EngineEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every live socket subscribes; their number is bounded by the API, not by this bus.
    this.emitter.setMaxListeners(0);
  }

  emit(message: LiveMessage): void {
    this.emitter.emit('message', message);
  }

  subscribe(listener: (message: LiveMessage) => void): () => void {
    this.emitter.on('message', listener);
    return () => this.emitter.off('message', listener);
  }
}
