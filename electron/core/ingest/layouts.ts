import type { FileRole, Layout, SourceFile, Unit } from './types';

/**
 * Groups a card's files into units by recognising structure, not brands (DESIGN.md, Import).
 * Pure: takes the file list, so every layout is tested without a card.
 */

const VIDEO = new Set(['mp4', 'mov', 'mts', 'm2ts', 'mxf', 'avi', 'mkv', 'm4v', '3gp', 'mpg', 'mpeg', 'dv', 'insv', '360']);
const AUDIO = new Set(['wav', 'mp3', 'm4a', 'aac', 'flac', 'ogg', 'opus', 'wma', 'aif', 'aiff']);
const PHOTO = new Set(['jpg', 'jpeg', 'heic', 'heif', 'png', 'dng', 'arw', 'cr2', 'cr3', 'nef', 'raf', 'orf', 'rw2']);
const SIDECAR = new Set(['thm', 'lrv', 'lrf', 'srt', 'xml', 'aae', 'xmp', 'bim', 'cpi', 'glv']);

const ext = (p: string): string => p.slice(p.lastIndexOf('.') + 1).toLowerCase();
const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const dir = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const stem = (p: string): string => {
  const b = base(p);
  return b.includes('.') ? b.slice(0, b.lastIndexOf('.')) : b;
};
export const isMedia = (p: string): boolean => VIDEO.has(ext(p)) || AUDIO.has(ext(p)) || PHOTO.has(ext(p));

/** Operating-system litter that is never footage: never imported, never wiped. */
export function isSystemFile(relPath: string): boolean {
  return relPath.split('/').some((part) => part.startsWith('.') || part === 'System Volume Information' || part === '$RECYCLE.BIN');
}

class Grouper {
  private readonly units = new Map<string, Unit>();

  add(key: string, layout: Layout, file: SourceFile, role: FileRole): void {
    let u = this.units.get(key);
    if (!u) {
      u = { key, layout, label: '', files: [] };
      this.units.set(key, u);
    }
    u.files.push({ ...file, role });
  }

  result(): Unit[] {
    const order: Record<FileRole, number> = { main: 0, chapter: 1, edit: 2, tree: 3, sidecar: 4 };
    const units = [...this.units.values()].filter((u) => u.files.some((f) => f.role !== 'sidecar'));
    for (const u of units) {
      u.files.sort((a, b) => order[a.role] - order[b.role] || a.relPath.localeCompare(b.relPath));
      u.label = u.layout === 'avchd' ? 'AVCHD' : base(u.files[0]!.relPath);
    }
    return units.sort((a, b) => a.key.localeCompare(b.key));
  }
}

// GoPro: GX010042.MP4 is chapter 01 of clip 0042 (GH = AVC, GX = HEVC); GL010042.LRV is its proxy.
const GOPRO_NEW = /^G([HXL])(\d{2})(\d{4})\.(mp4|lrv|thm)$/i;
// Older GoPro: GOPR0042.MP4 is the first chapter, GP010042.MP4 the next ones.
const GOPRO_OLD = /^G(OPR|P\d{2})(\d{4})\.(mp4|lrv|thm)$/i;
// Phones: IMG_E0042.MOV is an edit of IMG_0042.MOV.
const PHONE_EDIT = /^IMG_E(\d{4})\./i;
const PHONE = /^IMG_(\d{4})\./i;
// Multitrack recorders write one folder per take (ZOOM0001/ZOOM0001_Tr1.WAV ...).
const TAKE_FOLDER = /(^|\/)(ZOOM\d{4}|TASCAM_\d{4}|\d{6}_\d{4}|STE-\d{3})$/i;

function classifyGoPro(g: Grouper, f: SourceFile): boolean {
  const name = base(f.relPath);
  const n = GOPRO_NEW.exec(name);
  if (n) {
    const [, kind, chapter, clip, e] = n;
    const role: FileRole = kind!.toUpperCase() === 'L' || e!.toLowerCase() !== 'mp4' ? 'sidecar' : chapter === '01' ? 'main' : 'chapter';
    g.add(`gopro:${dir(f.relPath)}/${clip}`, 'gopro', f, role);
    return true;
  }
  const o = GOPRO_OLD.exec(name);
  if (o) {
    const [, kind, clip, e] = o;
    const role: FileRole = e!.toLowerCase() !== 'mp4' ? 'sidecar' : kind!.toUpperCase() === 'OPR' ? 'main' : 'chapter';
    g.add(`gopro:${dir(f.relPath)}/${clip}`, 'gopro', f, role);
    return true;
  }
  return false;
}

function classifyXavc(g: Grouper, f: SourceFile): boolean {
  const m = /^(.*\/)?PRIVATE\/M4ROOT\/(CLIP|THMBNL|SUB)\/(C\d{4})(?:M01|T01|S03)?\.(\w+)$/i.exec(f.relPath);
  if (!m) return false;
  const [, , folder, clip, e] = m;
  const role: FileRole = folder!.toUpperCase() === 'CLIP' && VIDEO.has(e!.toLowerCase()) ? 'main' : 'sidecar';
  g.add(`xavc:${clip!.toUpperCase()}`, 'xavc', f, role);
  return true;
}

function layoutOfDcfFolder(folder: string): Layout {
  const name = base(folder).toUpperCase();
  if (name.endsWith('APPLE') || /^\d{3}(ANDRO|_PANA|MEDIA)$/.test(name) || name === 'CAMERA') return 'phone';
  if (/^DJI_\d{3}$|^\d{3}MEDIA$/.test(name)) return 'dji';
  return 'dcf';
}

/** Files grouped by folder and stem, with phone edits attached to their original. */
function classifyByStem(g: Grouper, f: SourceFile, layout: Layout): void {
  const name = base(f.relPath);
  const edit = PHONE_EDIT.exec(name);
  const plain = PHONE.exec(name);
  const id = edit ? `IMG_${edit[1]}` : plain ? `IMG_${plain[1]}` : stem(f.relPath);
  const key = `${layout}:${dir(f.relPath)}/${id.toUpperCase()}`;
  // Two media files with one stem (a Live Photo's HEIC and MOV, RAW plus JPEG) are both originals.
  const role: FileRole = SIDECAR.has(ext(name)) ? 'sidecar' : edit ? 'edit' : 'main';
  g.add(key, layout, f, role);
}

/** A unit's size on the card: its files (chapters and sidecars) together. */
export function unitBytes(unit: Unit): number {
  return unit.files.reduce((n, f) => n + f.size, 0);
}

export function groupUnits(files: SourceFile[]): { units: Unit[]; ignored: SourceFile[] } {
  const g = new Grouper();
  const ignored: SourceFile[] = [];
  const rest: SourceFile[] = [];
  // Media files first, so that a stem's first media file becomes its main file and sidecars attach to it.
  const sorted = [...files].sort((a, b) => Number(isMedia(b.relPath)) - Number(isMedia(a.relPath)) || a.relPath.localeCompare(b.relPath));
  for (const f of sorted) {
    if (isSystemFile(f.relPath)) ignored.push(f);
    else if (/(^|\/)PRIVATE\/AVCHD\//i.test(f.relPath) || /^AVCHD\//i.test(f.relPath)) {
      // An AVCHD tree only plays as a whole (playlists, clip info, streams): one unit.
      g.add('avchd', 'avchd', f, ext(f.relPath) === 'mts' ? 'main' : 'tree');
    } else if (classifyXavc(g, f) || classifyGoPro(g, f)) continue;
    else rest.push(f);
  }
  for (const f of rest) {
    const folder = dir(f.relPath);
    const take = TAKE_FOLDER.exec(folder);
    if (take && AUDIO.has(ext(f.relPath))) g.add(`audio-recorder:${folder}`, 'audio-recorder', f, 'main');
    else if (/^DJI_/i.test(base(f.relPath))) classifyByStem(g, f, 'dji');
    else if (/(^|\/)DCIM\/\d{3}[^/]*$/i.test(folder)) classifyByStem(g, f, layoutOfDcfFolder(folder));
    else if (isMedia(f.relPath)) classifyByStem(g, f, AUDIO.has(ext(f.relPath)) ? 'audio-recorder' : 'loose');
    else if (SIDECAR.has(ext(f.relPath))) classifyByStem(g, f, 'loose');
    else ignored.push(f);
  }
  const units = g.result();
  // A sidecar whose stem matched no recording did not form a unit: list it as ignored.
  const claimed = new Set(units.flatMap((u) => u.files.map((f) => f.relPath)));
  for (const f of rest) if (!claimed.has(f.relPath) && !ignored.includes(f)) ignored.push(f);
  return { units, ignored };
}
