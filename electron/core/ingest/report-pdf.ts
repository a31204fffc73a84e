import type { ImportReport } from './report-types';

/**
 * A plain, printable PDF of an import report, written by hand (PDF 1.4, the 14 standard fonts
 * need no embedding) so that no dependency sees vault content. The PDF is produced in memory;
 * writing it anywhere is the user's explicit export.
 */
const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 48;
const SIZE = 9;
const LEADING = 12.5;
const WRAP = 100;

type Line = { text: string; bold?: boolean; gap?: number };

/** Helvetica with WinAnsi covers Dutch; anything else becomes '?' rather than garbage. */
function encode(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const b = c < 0x20 ? 0x20 : c <= 0xff ? c : 0x3f;
    out += b === 0x28 || b === 0x29 || b === 0x5c ? `\\${String.fromCharCode(b)}` : b < 0x80 ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, '0')}`;
  }
  return out;
}

function wrap(text: string, width = WRAP): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width) > width / 2 ? rest.lastIndexOf(' ', width) : width;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

function reportLines(r: ImportReport): Line[] {
  const lines: Line[] = [
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
  return lines.flatMap((l) => wrap(l.text).map((text, i) => ({ ...l, text, gap: i === 0 ? l.gap : 0 })));
}

function pages(lines: Line[]): string[] {
  const out: string[] = [];
  let ops: string[] = [];
  let y = PAGE_H - MARGIN;
  const flush = (): void => {
    out.push(ops.join('\n'));
    ops = [];
    y = PAGE_H - MARGIN;
  };
  for (const l of lines) {
    y -= (l.gap ?? 0) + LEADING;
    if (y < MARGIN) {
      flush();
      y -= LEADING;
    }
    ops.push(`BT /${l.bold ? 'F2' : 'F1'} ${SIZE} Tf ${MARGIN} ${y.toFixed(1)} Td (${encode(l.text)}) Tj ET`);
  }
  flush();
  return out;
}

export function importReportPdf(report: ImportReport): Buffer {
  const contents = pages(reportLines(report));
  const objects: string[] = [];
  const kids: string[] = [];
  // 1 catalog, 2 pages, 3-4 fonts, then a page and its content stream per page.
  contents.forEach((c, i) => {
    const pageNo = 5 + i * 2;
    kids.push(`${pageNo} 0 R`);
    objects[pageNo] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageNo + 1} 0 R >>`;
    objects[pageNo + 1] = `<< /Length ${Buffer.byteLength(c, 'latin1')} >>\nstream\n${c}\nendstream`;
  });
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = Buffer.byteLength(body, 'latin1');
    body += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let n = 1; n < objects.length; n++) body += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
