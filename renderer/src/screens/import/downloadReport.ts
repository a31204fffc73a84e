import { api } from '../../api/client';
import type { ImportReport } from './types';

/**
 * Hands a file to the browser's download: the user chooses where it goes; Kluis itself
 * writes no plaintext file.
 */
function offer(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Chromium starts the download asynchronously; revoking at once can cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadReportJson(report: ImportReport): void {
  offer(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }), `kluis-import-${report.importId}.json`);
}

/** The core renders the PDF (the same one the CLI writes); it arrives as base64 over the contract. */
export async function downloadReportPdf(report: ImportReport): Promise<void> {
  const { pdfBase64 } = await api.call('ingest.reportPdf', { importId: report.importId });
  const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
  offer(new Blob([bytes], { type: 'application/pdf' }), `kluis-import-${report.importId}.pdf`);
}
