import type { ImportReport } from './types';

/**
 * Hands the report to the browser's download: the user chooses where it goes; Kluis itself
 * writes no plaintext file.
 */
export function downloadReport(report: ImportReport): void {
  const blob = new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `kluis-import-${report.importId}.json`;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Chromium starts the download asynchronously; revoking at once can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
