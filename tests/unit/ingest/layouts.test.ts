import { describe, expect, it } from 'vitest';
import { groupUnits } from '../../../electron/core/ingest/layouts';
import type { SourceFile } from '../../../electron/core/ingest/types';

const card = (...paths: string[]): SourceFile[] => paths.map((relPath, i) => ({ relPath, size: 1000 + i, mtimeMs: 1_700_000_000_000 + i }));

function shape(paths: string[]) {
  const { units, ignored } = groupUnits(card(...paths));
  return {
    units: units.map((u) => ({ layout: u.layout, label: u.label, files: u.files.map((f) => `${f.role}:${f.relPath}`) })),
    ignored: ignored.map((f) => f.relPath),
  };
}

describe('card layouts are recognised by structure (H5: the whole clip moves as one unit)', () => {
  it('DCF camera folder: a clip with its thumbnail', () => {
    expect(shape(['DCIM/100CANON/MVI_0001.MP4', 'DCIM/100CANON/MVI_0001.THM', 'DCIM/100CANON/MVI_0002.MOV', 'MISC/AUTPRINT.MRK'])).toEqual({
      units: [
        { layout: 'dcf', label: 'MVI_0001.MP4', files: ['main:DCIM/100CANON/MVI_0001.MP4', 'sidecar:DCIM/100CANON/MVI_0001.THM'] },
        { layout: 'dcf', label: 'MVI_0002.MOV', files: ['main:DCIM/100CANON/MVI_0002.MOV'] },
      ],
      ignored: ['MISC/AUTPRINT.MRK'],
    });
  });

  it('AVCHD: the whole BDMV tree is one unit', () => {
    const r = shape(['PRIVATE/AVCHD/BDMV/INDEX.BDM', 'PRIVATE/AVCHD/BDMV/MOVIEOBJ.BDM', 'PRIVATE/AVCHD/BDMV/PLAYLIST/00000.MPL', 'PRIVATE/AVCHD/BDMV/CLIPINF/00000.CPI', 'PRIVATE/AVCHD/BDMV/STREAM/00000.MTS', 'PRIVATE/AVCHD/BDMV/STREAM/00001.MTS']);
    expect(r.units).toHaveLength(1);
    expect(r.units[0]!.layout).toBe('avchd');
    expect(r.units[0]!.files.filter((f) => f.startsWith('main:'))).toEqual(['main:PRIVATE/AVCHD/BDMV/STREAM/00000.MTS', 'main:PRIVATE/AVCHD/BDMV/STREAM/00001.MTS']);
    expect(r.units[0]!.files).toHaveLength(6);
  });

  it('Sony XAVC: clip, XML and thumbnail together; the card index is left alone', () => {
    const r = shape(['PRIVATE/M4ROOT/CLIP/C0001.MP4', 'PRIVATE/M4ROOT/CLIP/C0001M01.XML', 'PRIVATE/M4ROOT/THMBNL/C0001T01.JPG', 'PRIVATE/M4ROOT/CLIP/C0002.MP4', 'PRIVATE/M4ROOT/MEDIAPRO.XML', 'PRIVATE/M4ROOT/STATUS.BIN']);
    expect(r.units).toEqual([
      { layout: 'xavc', label: 'C0001.MP4', files: ['main:PRIVATE/M4ROOT/CLIP/C0001.MP4', 'sidecar:PRIVATE/M4ROOT/CLIP/C0001M01.XML', 'sidecar:PRIVATE/M4ROOT/THMBNL/C0001T01.JPG'] },
      { layout: 'xavc', label: 'C0002.MP4', files: ['main:PRIVATE/M4ROOT/CLIP/C0002.MP4'] },
    ]);
    expect(r.ignored.sort()).toEqual(['PRIVATE/M4ROOT/MEDIAPRO.XML', 'PRIVATE/M4ROOT/STATUS.BIN']);
  });

  it('GoPro: chapters of one clip with proxies and thumbnails, new and old naming', () => {
    const r = shape(['DCIM/100GOPRO/GX010042.MP4', 'DCIM/100GOPRO/GX020042.MP4', 'DCIM/100GOPRO/GL010042.LRV', 'DCIM/100GOPRO/GL020042.LRV', 'DCIM/100GOPRO/GX010042.THM', 'DCIM/100GOPRO/GX010043.MP4', 'DCIM/101GOPRO/GOPR0007.MP4', 'DCIM/101GOPRO/GP010007.MP4', 'DCIM/101GOPRO/GOPR0007.LRV']);
    expect(r.units).toEqual([
      { layout: 'gopro', label: 'GX010042.MP4', files: ['main:DCIM/100GOPRO/GX010042.MP4', 'chapter:DCIM/100GOPRO/GX020042.MP4', 'sidecar:DCIM/100GOPRO/GL010042.LRV', 'sidecar:DCIM/100GOPRO/GL020042.LRV', 'sidecar:DCIM/100GOPRO/GX010042.THM'] },
      { layout: 'gopro', label: 'GX010043.MP4', files: ['main:DCIM/100GOPRO/GX010043.MP4'] },
      { layout: 'gopro', label: 'GOPR0007.MP4', files: ['main:DCIM/101GOPRO/GOPR0007.MP4', 'chapter:DCIM/101GOPRO/GP010007.MP4', 'sidecar:DCIM/101GOPRO/GOPR0007.LRV'] },
    ]);
  });

  it('DJI: video with its telemetry subtitles and low-resolution proxy', () => {
    expect(shape(['DCIM/100MEDIA/DJI_0001.MP4', 'DCIM/100MEDIA/DJI_0001.SRT', 'DCIM/100MEDIA/DJI_0001.LRF']).units).toEqual([
      { layout: 'dji', label: 'DJI_0001.MP4', files: ['main:DCIM/100MEDIA/DJI_0001.MP4', 'sidecar:DCIM/100MEDIA/DJI_0001.LRF', 'sidecar:DCIM/100MEDIA/DJI_0001.SRT'] },
    ]);
  });

  it('phone: an edit and its adjustments travel with the original', () => {
    expect(shape(['DCIM/100APPLE/IMG_0005.MOV', 'DCIM/100APPLE/IMG_0005.AAE', 'DCIM/100APPLE/IMG_E0005.MOV', 'DCIM/100APPLE/IMG_0006.HEIC', 'DCIM/100APPLE/IMG_0006.MOV']).units).toEqual([
      { layout: 'phone', label: 'IMG_0005.MOV', files: ['main:DCIM/100APPLE/IMG_0005.MOV', 'edit:DCIM/100APPLE/IMG_E0005.MOV', 'sidecar:DCIM/100APPLE/IMG_0005.AAE'] },
      { layout: 'phone', label: 'IMG_0006.HEIC', files: ['main:DCIM/100APPLE/IMG_0006.HEIC', 'main:DCIM/100APPLE/IMG_0006.MOV'] },
    ]);
  });

  it('audio recorders: a multitrack take folder is one unit; single WAVs are one each', () => {
    const r = shape(['ZOOM0001/ZOOM0001_LR.WAV', 'ZOOM0001/ZOOM0001_Tr1.WAV', 'ZOOM0001/ZOOM0001_Tr2.WAV', 'MUSIC/TASCAM_0003.wav', 'SOUND/240101_001.WAV']);
    expect(r.units.map((u) => [u.layout, u.files.length])).toEqual([
      ['audio-recorder', 1],
      ['audio-recorder', 1],
      ['audio-recorder', 3],
    ]);
  });

  it('anything else with a media extension is imported; system litter and stray sidecars are not', () => {
    const r = shape(['Lessen/les 3 "groep 5" $(rm -rf).mp4', '.Spotlight-V100/Store-V2/x.db', '._GX010042.MP4', 'System Volume Information/IndexerVolumeGuid', 'notes.txt', 'orphan.THM']);
    expect(r.units.map((u) => u.label)).toEqual(['les 3 "groep 5" $(rm -rf).mp4']);
    expect(r.ignored.sort()).toEqual(['.Spotlight-V100/Store-V2/x.db', '._GX010042.MP4', 'System Volume Information/IndexerVolumeGuid', 'notes.txt', 'orphan.THM']);
  });
});
