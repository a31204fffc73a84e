/**
 * Reads exact byte counts from a stream of buffers of any size, so the parsers above it
 * can think in header lines, chunks and blocks.
 */
export class ByteReader {
  private readonly it: AsyncIterator<Buffer>;
  private bufs: Buffer[] = [];
  private length = 0;
  private done = false;
  /** Bytes handed out so far: error messages name the offset. */
  offset = 0;

  constructor(source: AsyncIterable<Buffer>) {
    this.it = source[Symbol.asyncIterator]();
  }

  get buffered(): number {
    return this.length;
  }

  /** Reads until at least n bytes are buffered or the stream ends; true if n are there. */
  async fill(n: number): Promise<boolean> {
    while (this.length < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else if (r.value.length > 0) {
        this.bufs.push(r.value);
        this.length += r.value.length;
      }
    }
    return this.length >= n;
  }

  /** Up to n buffered bytes, removed from the buffer (call fill first); copies only across buffers. */
  take(n: number): Buffer {
    n = Math.min(n, this.length);
    const first = this.bufs[0];
    if (first && first.length >= n) return this.takeSome(n);
    const out = Buffer.allocUnsafe(n);
    this.takeInto(out);
    return out;
  }

  /** Up to `into.length` buffered bytes copied into `into` (call fill first); returns how many. */
  takeInto(into: Uint8Array): number {
    const n = Math.min(into.length, this.length);
    for (let at = 0; at < n; ) {
      const piece = this.takeSome(n - at);
      into.set(piece, at);
      at += piece.length;
    }
    return n;
  }

  /** Up to n bytes of the first buffered piece, without copying (call fill first). */
  takeSome(n: number): Buffer {
    const first = this.bufs[0];
    if (!first) return Buffer.alloc(0);
    const out = first.length <= n ? first : first.subarray(0, n);
    if (out === first) this.bufs.shift();
    else this.bufs[0] = first.subarray(n);
    this.length -= out.length;
    this.offset += out.length;
    return out;
  }

  /** The next line without its LF, or undefined if the stream ends (or `max` bytes pass) first. */
  async line(max: number): Promise<Buffer | undefined> {
    for (let want = 1; ; want = this.length + 1) {
      const all = this.bufs.length === 1 ? this.bufs[0]! : Buffer.concat(this.bufs);
      this.bufs = all.length ? [all] : [];
      const lf = all.indexOf(0x0a);
      if (lf >= 0 && lf < max) {
        const line = this.take(lf + 1);
        return line.subarray(0, lf);
      }
      if (all.length >= max || !(await this.fill(want))) return undefined;
    }
  }

  /** Gives the rest of the underlying iterator a chance to clean up. */
  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.it.return?.();
    }
  }
}
