/** Unpadded standard base64 as the age header uses it; decoding refuses non-canonical text. */
export function b64(data: Uint8Array): string {
  return Buffer.from(data).toString('base64').replace(/=+$/, '');
}

export function unb64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*$/.test(text)) return undefined;
  const data = Buffer.from(text, 'base64');
  // Node ignores stray trailing bits; re-encoding catches them.
  return b64(data) === text ? data : undefined;
}
