import { LiveMessage } from '../../../../shared/api/live.js';
import { reconnectDelay } from './reconnect-backoff.js';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface LiveSocketOptions {
  url: string;
  protocols: string[];
  onMessage(message: LiveMessage): void;
  /** Called after a reconnect (not the first connect): whatever arrived while down was missed. */
  onResumed(): void;
  createSocket?: (url: string, protocols: string[]) => WebSocket;
}

/** The live feed (LIVE_PATH): validates each message against the shared schema and reconnects with backoff. */
export class LiveSocket {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private everOpened = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private status: LiveStatus = 'stopped';
  private listeners = new Set<() => void>();

  constructor(private readonly options: LiveSocketOptions) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getStatus = (): LiveStatus => this.status;

  start(): void {
    if (this.status !== 'stopped') return;
    this.connect();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.setStatus('stopped');
  }

  private connect(): void {
    this.setStatus(this.everOpened ? 'reconnecting' : 'connecting');
    const create = this.options.createSocket ?? ((url, protocols) => new WebSocket(url, protocols));
    let socket: WebSocket;
    try {
      socket = create(this.options.url, this.options.protocols);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      const resumed = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.setStatus('live');
      if (resumed) this.options.onResumed();
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket || typeof event.data !== 'string') return;
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = LiveMessage.safeParse(json);
      if (parsed.success) this.options.onMessage(parsed.data);
      else console.warn('hookbench: ignored a live message that does not match the contract', parsed.error.issues[0]);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    this.setStatus(this.everOpened ? 'reconnecting' : 'connecting');
    const delay = reconnectDelay(this.attempt);
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, delay);
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}
