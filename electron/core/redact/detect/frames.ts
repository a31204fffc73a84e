import { Writable } from 'node:stream';

/**
 * Cuts ffmpeg's rawvideo stream into whole frames and hands each to `onFrame`, holding back
 * the next write until it resolves: ffmpeg then waits on the pipe instead of filling memory
 * while the detector is behind.
 */
export class FrameSplitter extends Writable {
  private buf: Buffer;
  private fill = 0;
  private index = 0;

  constructor(private readonly frameBytes: number, private readonly onFrame: (frame: Uint8Array, index: number) => Promise<void>) {
    super();
    this.buf = Buffer.allocUnsafe(frameBytes);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    void this.take(chunk).then(() => done(), done);
  }

  private async take(chunk: Buffer): Promise<void> {
    let off = 0;
    while (off < chunk.length) {
      const n = Math.min(this.frameBytes - this.fill, chunk.length - off);
      chunk.copy(this.buf, this.fill, off, off + n);
      this.fill += n;
      off += n;
      if (this.fill === this.frameBytes) {
        const frame = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.frameBytes);
        // a fresh buffer per frame: the old one is transferred to the worker thread
        this.buf = Buffer.allocUnsafeSlow(this.frameBytes);
        this.fill = 0;
        await this.onFrame(frame, this.index++);
      }
    }
  }
}
