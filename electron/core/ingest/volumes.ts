import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Volume {
  /** where it is mounted: what an import reads from */
  path: string;
  label: string;
  sizeBytes: number | null;
  device: string | null;
}

interface LsblkDevice {
  name: string;
  path?: string;
  rm?: boolean | string;
  hotplug?: boolean | string;
  tran?: string | null;
  type?: string;
  label?: string | null;
  size?: number | string | null;
  mountpoints?: (string | null)[];
  mountpoint?: string | null;
  children?: LsblkDevice[];
}

const truthy = (v: unknown): boolean => v === true || v === '1' || v === 1;

/**
 * Removable volumes from `lsblk -J` output. Built-in SD readers report rm=0, so an mmc disk
 * (or one the kernel types as SD/MMC in /sys) counts as removable too.
 */
export function parseLsblk(json: string, sdDevices: Set<string> = new Set()): Volume[] {
  const out: Volume[] = [];
  const visit = (d: LsblkDevice, removable: boolean): void => {
    const isRemovable = removable || truthy(d.rm) || truthy(d.hotplug) || d.tran === 'usb' || d.tran === 'mmc' || d.name.startsWith('mmcblk') || sdDevices.has(d.name);
    const mounts = (d.mountpoints ?? [d.mountpoint ?? null]).filter((m): m is string => typeof m === 'string' && m.length > 0);
    if (isRemovable) {
      for (const m of mounts) {
        if (m === '/' || m.startsWith('/boot') || m === '[SWAP]') continue;
        out.push({ path: m, label: d.label ?? m.split('/').pop() ?? m, sizeBytes: d.size == null ? null : Number(d.size), device: d.path ?? `/dev/${d.name}` });
      }
    }
    for (const c of d.children ?? []) visit(c, isRemovable);
  };
  const parsed = JSON.parse(json) as { blockdevices?: LsblkDevice[] };
  for (const d of parsed.blockdevices ?? []) visit(d, false);
  return out;
}

async function sdDevicesFromSys(): Promise<Set<string>> {
  const found = new Set<string>();
  const names = await readdir('/sys/block').catch(() => [] as string[]);
  for (const n of names) {
    const type = await readFile(`/sys/block/${n}/device/type`, 'utf8').catch(() => '');
    if (/^(SD|MMC)\b/.test(type.trim())) found.add(n);
  }
  return found;
}

async function linuxVolumes(): Promise<Volume[]> {
  const { stdout } = await run('lsblk', ['-J', '-b', '-o', 'NAME,PATH,RM,HOTPLUG,TRAN,TYPE,LABEL,SIZE,MOUNTPOINTS'], { timeout: 5000 });
  return parseLsblk(stdout, await sdDevicesFromSys());
}

async function macVolumes(): Promise<Volume[]> {
  // Everything under /Volumes but the system disk is external on a Mac.
  const names = await readdir('/Volumes').catch(() => [] as string[]);
  return names.filter((n) => n !== 'Macintosh HD' && !n.startsWith('.')).map((n) => ({ path: `/Volumes/${n}`, label: n, sizeBytes: null, device: null }));
}

async function windowsVolumes(): Promise<Volume[]> {
  const { stdout } = await run('powershell.exe', ['-NoProfile', '-Command', "Get-Volume | Where-Object DriveType -eq 'Removable' | Where-Object DriveLetter | Select-Object DriveLetter,FileSystemLabel,Size | ConvertTo-Json"], { timeout: 10_000 });
  const rows = ([] as { DriveLetter: string; FileSystemLabel: string; Size: number }[]).concat(stdout.trim() ? JSON.parse(stdout) : []);
  return rows.map((r) => ({ path: `${r.DriveLetter}:\\`, label: r.FileSystemLabel || `${r.DriveLetter}:`, sizeBytes: r.Size ?? null, device: null }));
}

/** The removable volumes mounted now; an empty list where the system cannot tell. */
export async function listRemovableVolumes(): Promise<Volume[]> {
  try {
    if (process.platform === 'linux') return await linuxVolumes();
    if (process.platform === 'darwin') return await macVolumes();
    if (process.platform === 'win32') return await windowsVolumes();
  } catch {
    // No lsblk, no PowerShell: detection is a convenience; import by folder still works.
  }
  return [];
}

/** Polls and reports volumes that appeared or went away (a card put in, a card pulled). */
export function watchVolumes(onChange: (current: Volume[], added: Volume[], removed: Volume[]) => void, intervalMs = 1500, list = listRemovableVolumes): () => void {
  let known = new Map<string, Volume>();
  let stopped = false;
  let first = true;
  const poll = async (): Promise<void> => {
    const now = new Map((await list()).map((v) => [v.path, v]));
    if (stopped) return;
    const added = [...now.values()].filter((v) => !known.has(v.path));
    const removed = [...known.values()].filter((v) => !now.has(v.path));
    known = now;
    if (first || added.length || removed.length) onChange([...now.values()], added, removed);
    first = false;
  };
  void poll();
  const timer = setInterval(() => void poll(), intervalMs);
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
