import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCard } from '../../electron/core/ingest';
import { makeProxy, processRecording, queryLibrary } from '../../electron/core/media';
import { proxyState } from '../../electron/core/media/catalog';
import { Vault } from '../../electron/core/vault';
import { FFMPEG } from '../fixtures/cards';
import { FAST_KDF, PASSWORD } from '../helpers/vault-fixtures';

const work = mkdtempSync(join(tmpdir(), 'kluis-media-proxy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The ffmpeg this process started, found through /proc (Linux): the test kills it as a crash would. */
function ourFfmpeg(): number | null {
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && stat.includes('(ffmpeg)')) return Number(pid);
    } catch {
      /* exited meanwhile */
    }
  }
  return null;
}

function stagedBytes(vaultDir: string): number {
  return readdirSync(join(vaultDir, 'staging')).reduce((n, f) => n + statSync(join(vaultDir, 'staging', f)).size, 0);
}

async function until(check: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('gave up waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('proxies stream into the vault (issue 4)', () => {
  const vaultDir = join(work, 'vault');
  let vault: Vault;
  let id: string;
  const blobCount = (): number => (vault.catalog.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n;
  const objects = (): string[] => readdirSync(join(vaultDir, 'objects'), { recursive: true }) as string[];

  beforeAll(async () => {
    // Long enough (and HEVC, so it needs a proxy) that the proxy is still being written when we interfere.
    mkdirSync(join(work, 'card'));
    execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x480:rate=25:duration=40', '-f', 'lavfi', '-i', 'sine=duration=40',
      '-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=none', '-tag:v', 'hvc1', '-c:a', 'aac', '-shortest', join(work, 'card', 'long.mp4')]);
    vault = (await Vault.create(vaultDir, PASSWORD, { kdf: FAST_KDF })).vault;
    await importCard(vault, join(work, 'card'), { wipe: false, sourceLabel: 'SD' });
    id = queryLibrary(vault).rows[0]!.id;
    await processRecording(vault, id, { thumbnails: false });
    expect(proxyState(vault, id)).toMatchObject({ playability: 'needs-proxy', status: 'none' });
  }, 180_000);
  afterAll(async () => {
    await vault?.lock();
  });

  it('cancelled while ffmpeg writes: no blob, no staged file, the proxy is queued again', async () => {
    const blobs = blobCount();
    const before = objects();
    const ac = new AbortController();
    const job = makeProxy(vault, id, { signal: ac.signal });
    // the staging file exists (with its header) before ffmpeg starts; ffmpeg/output.test.ts covers a cancel that early
    await until(() => stagedBytes(vaultDir) > 0 && ourFfmpeg() !== null);
    ac.abort();
    await expect(job).rejects.toThrow(/cancel/i);
    expect(readdirSync(join(vaultDir, 'staging'))).toEqual([]);
    expect(objects()).toEqual(before);
    expect(blobCount()).toBe(blobs);
    expect(proxyState(vault, id)).toMatchObject({ status: 'none', blobId: null });
  }, 120_000);

  it('ffmpeg dying half-way keeps nothing of its output and says the copy could not be made', async () => {
    const blobs = blobCount();
    const before = objects();
    const job = makeProxy(vault, id);
    await until(() => stagedBytes(vaultDir) > 0 && ourFfmpeg() !== null);
    process.kill(ourFfmpeg()!, 'SIGKILL');
    expect(await job).toBe('failed');
    expect(readdirSync(join(vaultDir, 'staging'))).toEqual([]);
    expect(objects()).toEqual(before);
    expect(blobCount()).toBe(blobs);
    const row = vault.catalog.prepare('SELECT proxy_status, proxy_blob_id, problem FROM media_info WHERE recording_id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ proxy_status: 'failed', proxy_blob_id: null });
    expect(row['problem']).toMatch(/^cannot be played: the playback copy could not be made \(.*SIGKILL/);
  }, 120_000);

  it('a whole proxy is sealed as it streams and decodes to the full duration', async () => {
    vault.catalog.prepare("UPDATE media_info SET proxy_status = 'none', playability = 'needs-proxy', problem = NULL WHERE recording_id = ?").run(id);
    expect(await makeProxy(vault, id)).toBe('ready');
    const blobId = proxyState(vault, id)!.blobId!;
    const parts: Buffer[] = [];
    for await (const p of vault.readBlob(blobId)) parts.push(p);
    // every packet, so ffprobe reads the whole stream (a format-only probe stops early)
    const pts = execFileSync(process.env['FFPROBE_BIN'] ?? 'ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', '-i', 'pipe:0'], { input: Buffer.concat(parts), maxBuffer: 1 << 26 })
      .toString().trim().split('\n').map(Number);
    expect(Math.max(...pts)).toBeGreaterThan(39.5);
    expect(readdirSync(join(vaultDir, 'staging'))).toEqual([]);
  }, 180_000);
});
