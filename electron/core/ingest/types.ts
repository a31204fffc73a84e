export type Layout = 'avchd' | 'xavc' | 'gopro' | 'dji' | 'phone' | 'audio-recorder' | 'dcf' | 'loose';

/** main: the recording itself; chapter: a later part of the same recording; sidecar: metadata, proxies, thumbnails; tree: part of a structure imported whole (AVCHD). */
export type FileRole = 'main' | 'chapter' | 'edit' | 'sidecar' | 'tree';

export interface SourceFile {
  /** path relative to the card's root, with forward slashes */
  relPath: string;
  size: number;
  /** modification time in ms since the epoch: the camera's clock when it wrote the file */
  mtimeMs: number;
}

export interface UnitFile extends SourceFile {
  role: FileRole;
}

/** A clip with its chapters and sidecars: imported, verified and wiped together. */
export interface Unit {
  /** stable within one card: layout plus the folder and stem it was grouped by */
  key: string;
  layout: Layout;
  /** what a person calls it: the first main file's name, or the structure's folder */
  label: string;
  files: UnitFile[];
}

export interface CardScan {
  root: string;
  units: Unit[];
  /** files that belong to no unit (camera databases, system files): left alone, listed for the user */
  ignored: SourceFile[];
}
