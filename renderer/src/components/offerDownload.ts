/**
 * Hands a file to the browser's download: the user chooses where it goes; Kluis itself writes
 * no plaintext file.
 */
export function offerDownload(blob: Blob, name: string): void {
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

/** PDFs arrive over the contract as base64. */
export function offerPdf(pdfBase64: string, name: string): void {
  const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
  offerDownload(new Blob([bytes], { type: 'application/pdf' }), name);
}
