/**
 * The one hand-written PDF writer for Kluis's reports (import report, deletion confirmation,
 * breach report): PDF 1.4, the standard Helvetica fonts (nothing
 * embedded), text only, built in memory so no dependency ever sees vault content. Writing the
 * bytes anywhere is the caller's explicit export.
 */
const PAGE_W = 595;
const PAGE_H = 842;
const MARGIN = 48;
const LEADING = 12.5;
const WRAP = 100;

export interface PdfLine {
  text: string;
  /** a heading: bold and a little larger */
  heading?: boolean;
  bold?: boolean;
  /** extra space above, in points */
  gap?: number;
}

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

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const cut = space > width / 2 ? space : width;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

function pages(lines: PdfLine[]): string[] {
  const out: string[] = [];
  let ops: string[] = [];
  let y = PAGE_H - MARGIN;
  for (const l of lines) {
    const size = l.heading ? 12 : 9;
    const parts = wrap(l.text, l.heading ? 80 : WRAP);
    parts.forEach((text, i) => {
      y -= (i === 0 ? (l.gap ?? 0) : 0) + (l.heading ? LEADING + 3 : LEADING);
      if (y < MARGIN) {
        out.push(ops.join('\n'));
        ops = [];
        y = PAGE_H - MARGIN - LEADING;
      }
      ops.push(`BT /${l.heading || l.bold ? 'F2' : 'F1'} ${size} Tf ${MARGIN} ${y.toFixed(1)} Td (${encode(text)}) Tj ET`);
    });
  }
  out.push(ops.join('\n'));
  return out;
}

/** The lines as a printable A4 PDF (one or more pages). */
export function textPdf(lines: PdfLine[], title = 'Kluis report'): Buffer {
  const contents = pages(lines);
  const objects: string[] = [];
  const kids: string[] = [];
  // 1 catalog, 2 pages, 3-4 fonts, 5 info, then a page and its content stream per page.
  contents.forEach((c, i) => {
    const pageNo = 6 + i * 2;
    kids.push(`${pageNo} 0 R`);
    objects[pageNo] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageNo + 1} 0 R >>`;
    objects[pageNo + 1] = `<< /Length ${Buffer.byteLength(c, 'latin1')} >>\nstream\n${c}\nendstream`;
  });
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
  objects[5] = `<< /Title (${encode(title)}) /Producer (Kluis) >>`;
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = Buffer.byteLength(body, 'latin1');
    body += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let n = 1; n < objects.length; n++) body += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
