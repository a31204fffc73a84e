import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCard, KluisService, listRecordings, playbackMediaHandler } from '../../../electron/core/api';
import { makeClip } from '../../fixtures/cards';

const KDF = { memoryKiB: 64 * 1024, iterations: 3 };
const PASSWORD = 'a long enough passphrase for the playback test 9';
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A service with one imported H.264 clip; the card copy is kept (no wipe) to compare bytes. */
async function withClip(): Promise<{ s: KluisService; id: string; bytes: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'kluis-playback-'));
  dirs.push(dir);
  const clip = join(dir, 'CARD/DCIM/100CANON/MVI_0001.MP4');
  makeClip(clip, { seconds: 1 });
  const s = new KluisService({ vaultDir: join(dir, 'vault'), kdf: KDF });
  await s.handlers['vault.create']({ password: PASSWORD });
  await importCard(s.openVault, join(dir, 'CARD'), { wipe: false });
  const [rec] = listRecordings(s.openVault);
  return { s, id: rec!.id, bytes: readFileSync(clip) };
}

const get = (h: ReturnType<typeof playbackMediaHandler>, token: string, range?: string) =>
  h(new Request(`http://127.0.0.1/media/${token}`, { headers: range ? { range } : {} }));

describe('playback tickets through the one media handler', () => {
  it('serves the decrypted original with ranges, two tickets at once, until closed or locked', async () => {
    const { s, id, bytes } = await withClip();
    const handler = playbackMediaHandler(s);
    const a = await s.handlers['media.open']({ id, kind: 'play' });
    const b = await s.handlers['media.open']({ id, kind: 'play' });
    expect(a).toMatchObject({ mime: 'video/mp4', size: bytes.length });
    expect(a.token).not.toBe(b.token);

    const whole = await get(handler, a.token);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const tail = await get(handler, b.token, 'bytes=-100');
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 100))).toBe(true);

    await s.handlers['media.close']({ token: a.token });
    expect((await get(handler, a.token)).status).toBe(404);
    expect((await get(handler, b.token, 'bytes=0-0')).status).toBe(206);

    await s.lock('user');
    expect((await get(handler, b.token, 'bytes=0-0')).status).toBe(404);
    await expect(s.handlers['media.open']({ id, kind: 'play' })).rejects.toMatchObject({ code: 'LOCKED' });

    // After unlock the same handler serves new tickets: the shells bind it once at start.
    await s.handlers['vault.unlock']({ password: PASSWORD });
    const c = await s.handlers['media.open']({ id, kind: 'play' });
    expect((await get(handler, c.token, 'bytes=0-9')).status).toBe(206);
    expect((await get(handler, b.token, 'bytes=0-9')).status).toBe(404);
    await s.lock('quit');
  });

  it('answers NOT_FOUND for an unknown recording and for a poster the media side has not made', async () => {
    const { s, id } = await withClip();
    await expect(s.handlers['media.open']({ id: 'rec_0000000000000000', kind: 'play' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(s.handlers['media.open']({ id, kind: 'sprite' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await get(playbackMediaHandler(s), 'not-a-token')).status).toBe(404);
    await s.lock('quit');
  });
});
