import QRCode from 'qrcode';

/** The share key as a QR code in text (two rows per line of half-blocks), for a terminal or a monospace label. */
export async function shareKeyQr(publicKey: string): Promise<string> {
  return QRCode.toString(publicKey, { type: 'utf8', errorCorrectionLevel: 'M', margin: 2 });
}
