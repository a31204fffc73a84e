import { textPdf, type PdfLine } from '../pdf';
import type { ImportReport } from './report-types';

/**
 * A plain, printable PDF of an import report, made in memory by the shared text-PDF writer so
 * that no dependency sees vault content; writing it anywhere is the user's explicit export.
 */
function reportLines(r: ImportReport): PdfLine[] {
  const lines: PdfLine[] = [
    { text: 'Kluis import report', bold: true },
    { text: `Import ${r.importId} from "${r.sourceLabel}" (${r.sourceRoot})` },
    { text: `Started ${r.startedAt}, finished ${r.finishedAt}. Wipe requested: ${r.wipeRequested ? 'yes' : 'no'}.` },
    { text: `Result: ${r.ok ? 'every clip verified' + (r.wipeRequested ? ' and wiped' : '') : 'NOT everything was verified' + (r.wipeRequested ? ' or wiped' : '')}. ${r.totals.verified} verified, ${r.totals.alreadyInVault} already in the vault, ${r.totals.failed} failed; ${r.totals.wipedFiles} files wiped; ${r.totals.bytes} bytes.`, gap: 6 },
  ];
  for (const u of r.units) {
    lines.push({ text: `${u.label}  [${u.layout}]  ${u.outcome}${u.recordingId ? `  (${u.recordingId})` : ''}`, bold: true, gap: 8 });
    for (const f of u.files) {
      lines.push({ text: `${f.relPath}  ${f.role}, ${f.size} bytes: ${f.outcome}, ${f.wipe === 'wiped' ? 'wiped' : f.wipe === 'failed' ? 'wipe FAILED' : 'left on the card'}` });
      lines.push({ text: `   SHA-256 ${f.sha256 ?? '-'}` });
      if (f.xxh3 && f.xxh3 === f.sourceXxh3 && f.xxh3 === f.vaultXxh3) lines.push({ text: `   XXH3 ${f.xxh3} (copy = card re-read = vault read-back)` });
      else lines.push({ text: `   XXH3 copy ${f.xxh3 ?? '-'}, card re-read ${f.sourceXxh3 ?? '-'}, vault read-back ${f.vaultXxh3 ?? '-'}` });
      if (f.error) lines.push({ text: `   ${f.error}` });
    }
  }
  if (r.ignored.length) lines.push({ text: `Not imported (not footage): ${r.ignored.join(', ')}`, gap: 8 });
  lines.push({ text: r.wipeNote, gap: 10 }, { text: r.cacheNote, gap: 4 });
  return lines;
}

export function importReportPdf(report: ImportReport): Buffer {
  return textPdf(reportLines(report), 'Kluis import report');
}
