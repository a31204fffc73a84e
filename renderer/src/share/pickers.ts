/** The system dialogs and dropped-file paths exist only inside Electron; the browser gets typed paths. */
export const savePicker = (): ((defaultName: string) => Promise<string | null>) | undefined => window.kluis?.chooseSavePath;
export const filePicker = (): (() => Promise<string | null>) | undefined => window.kluis?.chooseFile;

/** A proposal for the save dialog: what and for when, never who is in it. */
export function packageFileName(kind: 'share' | 'videotoets', expires: string): string {
  return `${kind === 'videotoets' ? 'videotoets' : 'kluis-package'}-${expires.replace(/[^0-9-]/g, '') || 'package'}.age`;
}

/** The minimum of a DataTransfer this reads (unit tests pass a plain object). */
export interface DroppedData {
  files: ArrayLike<File>;
  getData(format: string): string;
}

export type DropResult = { path: string } | { error: 'no-path' | 'several' | 'nothing' };

/**
 * The path of one package dropped on the page. Inside Electron the preload turns the File into its
 * path; a file manager also offers the file as a file:// URI (text/uri-list), which is how a
 * browser on the test host gets one. The URI only names the file for share.open: nothing navigates.
 */
export function droppedPackagePath(data: DroppedData, pathForFile: ((file: File) => string) | undefined = typeof window === 'undefined' ? undefined : window.kluis?.pathForFile): DropResult {
  if (data.files.length > 1) return { error: 'several' };
  const file = data.files[0];
  if (file && pathForFile) {
    const p = pathForFile(file);
    if (p) return { path: p };
  }
  const uris = data
    .getData('text/uri-list')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  if (uris.length > 1) return { error: 'several' };
  const uri = uris[0];
  if (uri?.startsWith('file://')) {
    try {
      const u = new URL(uri);
      if (u.host === '' || u.host === 'localhost') return { path: decodeURIComponent(u.pathname) };
    } catch {
      return { error: 'no-path' };
    }
  }
  return { error: file ? 'no-path' : 'nothing' };
}
