/**
 * A media ticket's token as a URL of this transport: Electron answers kluis-media:// through
 * protocol.handle; the test host serves /media/<token> on its own origin. Tokens are base64url,
 * so they need no escaping, but encode anyway in case that ever changes.
 */
export function mediaUrl(token: string): string {
  return window.kluis ? `kluis-media://m/${encodeURIComponent(token)}` : `/media/${encodeURIComponent(token)}`;
}
