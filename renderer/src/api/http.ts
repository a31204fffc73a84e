import type { Input, KluisBridge, KluisEvent, Method, Output, WireResult } from '../../../electron/core/api/contract';
import { KluisError } from './errors';

const RECONNECT_MS = 1000;

function unwrap<T>(result: WireResult): T {
  if (result.ok) return result.value as T;
  throw new KluisError(result.error.code, result.error.message);
}

/** The contract over the loopback test host: POST /api/<method>, events on a WebSocket. */
export class HttpBridge implements KluisBridge {
  private readonly listeners = new Set<(event: KluisEvent) => void>();
  private socket: WebSocket | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly token: string | null) {}

  async call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
    if (!this.token) throw new KluisError('UNAUTHORIZED', 'No access token: open the address that npm run start:web printed.');
    let res: Response;
    try {
      res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
        body: JSON.stringify(input),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch {
      throw new KluisError('HOST_UNREACHABLE', 'Kluis cannot be reached.');
    }
    let body: WireResult;
    try {
      body = (await res.json()) as WireResult;
    } catch {
      throw new KluisError('INTERNAL', `Kluis answered with HTTP ${res.status}.`);
    }
    return unwrap<Output<M>>(body);
  }

  onEvent(listener: (event: KluisEvent) => void): () => void {
    this.listeners.add(listener);
    this.connect();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.disconnect();
    };
  }

  private connect(): void {
    if (this.socket || !this.token) return;
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${window.location.host}/events?token=${encodeURIComponent(this.token)}`);
    socket.onmessage = (msg) => {
      let event: KluisEvent;
      try {
        event = JSON.parse(String(msg.data)) as KluisEvent;
      } catch {
        return;
      }
      for (const l of this.listeners) l(event);
    };
    socket.onclose = () => {
      this.socket = null;
      // A lock while the socket was down would be missed, so keep the channel up while anyone listens.
      if (this.listeners.size > 0) this.retry = setTimeout(() => this.connect(), RECONNECT_MS);
    };
    this.socket = socket;
  }

  private disconnect(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onclose = null;
      s.close();
    }
  }
}
