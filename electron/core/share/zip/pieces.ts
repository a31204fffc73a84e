import { BATCH } from './aes-ctr';
import type { PartFile } from './part-file';
import type { EntrySealer } from './winzip-aes';

/** Plaintext is gathered into pieces this big before it is encrypted and written: few large writes, bounded memory. */
export const PIECE = 16 * BATCH;

/**
 * Gathers an entry's plaintext, however it is chunked, into whole pieces, seals each in place
 * and queues it for writing. Two pieces take turns, so one is encrypted while the other is
 * written; a piece is refilled only after its write finished. Memory: two pieces per entry.
 */
export class PieceWriter {
  private readonly pieces: [Buffer, Buffer];
  private readonly writes: [Promise<void>, Promise<void>] = [Promise.resolve(), Promise.resolve()];
  private current = 0;
  private filled = 0;

  constructor(
    private readonly out: PartFile,
    private readonly sealer: EntrySealer,
    size: number,
  ) {
    // Not from Buffer's pool: the 32-bit XOR wants them aligned, and they hold plaintext only until sealed.
    const length = Math.min(PIECE, size);
    this.pieces = [Buffer.alloc(length), Buffer.alloc(length)];
  }

  async add(chunk: Uint8Array): Promise<void> {
    for (let at = 0; at < chunk.length; ) {
      const piece = this.pieces[this.current]!;
      const n = Math.min(piece.length - this.filled, chunk.length - at);
      piece.set(chunk.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled === piece.length) await this.flush();
    }
  }

  /** Seals and writes what is left (the only piece that may be short), then waits for all writes. */
  async end(): Promise<void> {
    if (this.filled > 0) await this.flush();
    await Promise.all(this.writes);
  }

  private async flush(): Promise<void> {
    const piece = this.pieces[this.current]!.subarray(0, this.filled);
    this.sealer.seal(piece);
    this.writes[this.current] = this.out.write(piece);
    this.current ^= 1;
    this.filled = 0;
    await this.writes[this.current];
  }
}
