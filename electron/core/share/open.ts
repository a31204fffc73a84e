import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { appendAudit } from '../audit';
import type { Vault } from '../vault';
import { decryptAge } from './age';
import { ShareError, isShareError, unlistedEntry } from './errors';
import { attachFeedback, type AttachedFeedback } from './feedback';
import { shareIdentity } from './keys';
import { MANIFEST_FILE, parseManifest, type Manifest } from './manifest';
import { hashing } from './package-file';
import { receiveHandover, type HandoverReceived } from './handover/receive';
import { getReceived, type ReceivedPackage } from './received';
import { shareTables } from './schema';
import { drain, readTar } from './tar';

export interface OpenRequest {
  path: string;
  /** for a passphrase package; otherwise this vault's own share key is tried */
  passphrase?: string;
  now?: Date;
}

export type OpenResult =
  | { kind: 'received'; package: ReceivedPackage; alreadyOpen: boolean }
  | { kind: 'feedback'; manifest: Manifest; feedback: AttachedFeedback }
  | { kind: 'handover'; handover: HandoverReceived };

const MAX_MANIFEST = 4 * 1024 * 1024;

async function collect(body: AsyncIterable<Buffer>, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of body) {
    n += c.length;
    if (n > limit) throw new ShareError('MANIFEST_INVALID', 'The package\'s manifest is larger than a manifest can be; the package was not made by Kluis or is damaged.');
    parts.push(c);
  }
  return Buffer.concat(parts, n);
}

/**
 * Decrypts a package and brings its clips into this vault as received items, all or nothing:
 * the package row is 'opening' while clips arrive, every clip's SHA-256 is checked against the
 * manifest in the transaction that links its blob, and any failure (a wrong key, a flipped bit,
 * a truncated file, an expired package) removes what arrived so far.
 */
/** A path that is not a readable file gets a sentence, not an internal error. */
async function assertPackageFile(path: string): Promise<void> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch {
    throw new ShareError('NO_PACKAGE', `There is no file at ${path}; check the path, or that the USB stick is still plugged in.`);
  }
  if (!isFile) throw new ShareError('NO_PACKAGE', `${path} is a folder, not a share package; choose the package file inside it.`);
}

export async function openPackage(vault: Vault, req: OpenRequest): Promise<OpenResult> {
  const now = req.now ?? new Date();
  await assertPackageFile(req.path);
  shareTables(vault);
  const identities = req.passphrase !== undefined ? [{ type: 'scrypt' as const, passphrase: req.passphrase }] : [await shareIdentity(vault)];
  const file = hashing(createReadStream(req.path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>);
  const entries = readTar(decryptAge(identities, file.stream))[Symbol.asyncIterator]();
  const db = vault.catalog;
  const receivedId = `rcv_${randomBytes(8).toString('hex')}`;
  const blobs: string[] = [];
  // posters may come before or after their clip in a hand-made tar; linked once all arrived
  const posterBlobs = new Map<number, string>();
  let started = false;
  try {
    const first = await entries.next();
    if (first.done || first.value.name !== MANIFEST_FILE) throw new ShareError('MANIFEST_INVALID', `The package does not start with ${MANIFEST_FILE}; it was not made by Kluis. Ask the sender for a Kluis share package.`);
    const manifest = parseManifest(await collect(first.value.body, MAX_MANIFEST));
    if (Date.parse(manifest.expires) <= now.getTime()) {
      throw new ShareError('EXPIRED', `This package expired on ${manifest.expires.slice(0, 10)}; it may no longer be opened (H6). Ask ${manifest.sender.name} for a new one if you still need it.`);
    }
    if (manifest.kind === 'feedback') {
      for (let e = await entries.next(); !e.done; e = await entries.next()) {
        await drain(e.value.body);
        throw new ShareError('MANIFEST_INVALID', `A feedback package holds only its manifest, but this one also holds ${e.value.name}.`);
      }
      const feedback = attachFeedback(vault, manifest, now);
      return { kind: 'feedback', manifest, feedback };
    }
    if (manifest.kind === 'handover') return { kind: 'handover', handover: await receiveHandover(vault, manifest, entries, () => file.digest(), now) };
    const existing = db.prepare("SELECT id FROM received_packages WHERE package_id = ? AND state = 'open'").get(manifest.id) as { id: string } | undefined;
    if (existing) return { kind: 'received', package: getReceived(vault, existing.id), alreadyOpen: true };

    db.prepare(
      "INSERT INTO received_packages (id, package_id, package_sha256, kind, state, sender, purpose, audience, expires_at, may_keep, may_forward, manifest, opened_at) VALUES (?,?,'',?,'opening',?,?,?,?,?,?,?,?)",
    ).run(receivedId, manifest.id, manifest.kind, manifest.sender.name, manifest.purpose, manifest.audience, new Date(manifest.expires).toISOString(), manifest.permissions.keep ? 1 : 0, manifest.permissions.forward ? 1 : 0, JSON.stringify(manifest), now.toISOString());
    started = true;
    const byFile = new Map(manifest.clips.map((c, i) => [c.file, { clip: c, i, poster: false }]));
    for (const [i, c] of manifest.clips.entries()) if (c.poster) byFile.set(c.poster.file, { clip: c, i, poster: true });
    const arrived = new Set<string>();
    const clipIds: string[] = [];
    for (let e = await entries.next(); !e.done; e = await entries.next()) {
      const { name, size, body } = e.value;
      const want = byFile.get(name);
      if (!want || arrived.has(name)) {
        await drain(body);
        throw unlistedEntry(name);
      }
      const expect = want.poster ? want.clip.poster! : want.clip;
      if (size !== expect.size) throw new ShareError('CHECKSUM_MISMATCH', `${name} is ${size} bytes but the manifest says ${expect.size}; the package was changed after it was made. Ask the sender for a new one.`);
      arrived.add(name);
      await vault.storeStream(body, { name: `received ${name}` }, (blob) => {
        blobs.push(blob.id);
        if (blob.sha256 !== expect.sha256) throw new ShareError('CHECKSUM_MISMATCH', `${name} does not match the checksum in the manifest; the package was changed or damaged after it was made. Nothing was imported; ask the sender for a new one.`);
        if (want.poster) {
          posterBlobs.set(want.i, blob.id);
          return;
        }
        const id = `rcl_${randomBytes(8).toString('hex')}`;
        clipIds[want.i] = id;
        db.prepare('INSERT INTO received_clips (id, package_id, position, title, duration_sec, mime, sha256, size, blob_id, in_sec, out_sec) VALUES (?,?,?,?,?,?,?,?,?,?,?)').run(
          id, receivedId, want.i, want.clip.title, want.clip.durationSec, want.clip.mime, want.clip.sha256, want.clip.size, blob.id, want.clip.inSec ?? null, want.clip.outSec ?? null,
        );
      });
    }
    const missing = [...byFile.keys()].filter((f) => !arrived.has(f));
    if (missing.length > 0) throw new ShareError('TRUNCATED', `The package lacks ${missing.join(', ')}; it was cut short. Copy it again from the sender's medium.`);
    db.transaction(() => {
      for (const [i, blobId] of posterBlobs) db.prepare('UPDATE received_clips SET poster_blob_id = ? WHERE package_id = ? AND position = ?').run(blobId, receivedId, i);
      db.prepare("UPDATE received_packages SET state = 'open', package_sha256 = ? WHERE id = ?").run(file.digest(), receivedId);
      appendAudit(vault, { action: 'share.opened', subject: receivedId, detail: { package: manifest.id, kind: manifest.kind, purpose: manifest.purpose, audience: manifest.audience, expires: manifest.expires, clips: manifest.clips.length, sha256: file.digest() } }, now);
    })();
    return { kind: 'received', package: getReceived(vault, receivedId), alreadyOpen: false };
  } catch (e) {
    await entries.return?.(undefined).catch(() => undefined);
    if (started) {
      db.transaction(() => {
        db.prepare('DELETE FROM received_clips WHERE package_id = ?').run(receivedId);
        db.prepare('DELETE FROM received_packages WHERE id = ?').run(receivedId);
      })();
    }
    for (const b of blobs) await vault.removeBlob(b).catch(() => undefined);
    throw asShareError(e);
  }
}

function asShareError(e: unknown): unknown {
  if (isShareError(e)) return e;
  // the vault wraps what the link callback threw; the sentence that matters is ours
  const cause = (e as { cause?: unknown }).cause;
  if (isShareError(cause)) return cause;
  return e;
}
