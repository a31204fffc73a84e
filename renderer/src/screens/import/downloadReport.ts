import { api } from '../../api/client';
import { offerDownload, offerPdf } from '../../components/offerDownload';
import type { ImportReport } from './types';

export function downloadReportJson(report: ImportReport): void {
  offerDownload(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }), `kluis-import-${report.importId}.json`);
}

/** The core renders the PDF (the same one the CLI writes); it arrives as base64 over the contract. */
export async function downloadReportPdf(report: ImportReport): Promise<void> {
  const { pdfBase64 } = await api.call('ingest.reportPdf', { importId: report.importId });
  offerPdf(pdfBase64, `kluis-import-${report.importId}.pdf`);
}
