import { describe, expect, it } from 'vitest';
import { parseLsblk, watchVolumes, type Volume } from '../../../electron/core/ingest';

const dev = (o: Record<string, unknown>) => ({ rm: false, hotplug: false, tran: null, type: 'part', label: null, size: 1000, mountpoints: [null], ...o });

describe('removable volume detection', () => {
  it('finds USB sticks and SD cards, including built-in readers that report rm=0', () => {
    const json = JSON.stringify({
      blockdevices: [
        dev({ name: 'nvme0n1', type: 'disk', children: [dev({ name: 'nvme0n1p1', mountpoints: ['/'] }), dev({ name: 'nvme0n1p2', mountpoints: ['/home'] })] }),
        dev({ name: 'sda', type: 'disk', rm: true, tran: 'usb', children: [dev({ name: 'sda1', label: 'KINGSTON', mountpoints: ['/media/s/KINGSTON'] })] }),
        dev({ name: 'mmcblk0', type: 'disk', children: [dev({ name: 'mmcblk0p1', label: 'CANON_DC', path: '/dev/mmcblk0p1', mountpoints: ['/media/s/CANON_DC'] })] }),
        dev({ name: 'sdb', type: 'disk', children: [dev({ name: 'sdb1', label: 'EOS_DIGITAL', mountpoints: ['/media/s/EOS_DIGITAL'] })] }),
        dev({ name: 'sdc', type: 'disk', rm: true, children: [dev({ name: 'sdc1', label: 'UNMOUNTED' })] }),
      ],
    });
    const found = parseLsblk(json, new Set(['sdb']));
    expect(found.map((v) => [v.label, v.path])).toEqual([
      ['KINGSTON', '/media/s/KINGSTON'],
      ['CANON_DC', '/media/s/CANON_DC'],
      ['EOS_DIGITAL', '/media/s/EOS_DIGITAL'],
    ]);
    expect(found[1]!.device).toBe('/dev/mmcblk0p1');
  });

  it('reports a card put in and a card pulled', async () => {
    const card: Volume = { path: '/media/s/CARD', label: 'CARD', sizeBytes: 1, device: null };
    const states: Volume[][] = [[], [card], [card], []];
    const events: string[] = [];
    let i = 0;
    await new Promise<void>((resolve) => {
      const stop = watchVolumes(
        (_current, added, removed) => {
          events.push(`+${added.map((v) => v.label).join()} -${removed.map((v) => v.label).join()}`);
          if (events.length === 3) {
            stop();
            resolve();
          }
        },
        5,
        async () => states[Math.min(i++, states.length - 1)]!,
      );
    });
    expect(events).toEqual(['+ -', '+CARD -', '+ -CARD']);
  });
});
