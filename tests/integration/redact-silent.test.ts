import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCard, listRecordings } from '../../electron/core/ingest';
import { renderPlan, savePlan } from '../../electron/core/redact';
import { Vault } from '../../electron/core/vault';
import { FAST_KDF, PASSWORD } from '../helpers/vault-fixtures';
import { faceTrack, makeFaceClip } from '../unit/redact/fixture';

// Phones and action cams often record without sound (or it is removed on the camera): the
// filter graph must not ask for an audio stream that is not there.
describe('redact: a recording without sound', () => {
  const work = mkdtempSync(join(tmpdir(), 'kluis-redact-silent-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('renders and verifies a tracked box on a clip with no audio stream', async () => {
    makeFaceClip(join(work, 'card', 'silent.mp4'), { seconds: 2, fps: 15, silent: true });
    const vault = (await Vault.create(join(work, 'vault'), PASSWORD, { kdf: FAST_KDF })).vault;
    try {
      await importCard(vault, join(work, 'card'), { wipe: false, sourceLabel: 'SD' });
      const id = listRecordings(vault)[0]!.id;
      savePlan(vault, id, { format: 'kluis-redaction-plan', version: 1, tracks: [{ ...faceTrack('face', 2, 1), decision: 'redact' }] });
      const r = await renderPlan(vault, id);
      expect(r.manifest.verification.ok).toBe(true);
      expect(r.manifest.verification.audio).toEqual([]);
      expect(listRecordings(vault).map((x) => x.id)).toContain(r.recordingId);
    } finally {
      await vault.lock();
    }
  }, 120_000);
});
