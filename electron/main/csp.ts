import { MEDIA_SCHEME } from './origin';

/**
 * The Content-Security-Policy sent with every page of the app scheme (checklist item 7). Scripts
 * only from the app itself, no eval, no plugins, no framing, no form posts; media and posters
 * only from the app's media scheme (opaque tokens) or blobs made in the page (consent forms).
 * 'unsafe-inline' styles: React's style attributes; styles cannot run code.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob: ${MEDIA_SCHEME}:`,
  `media-src 'self' blob: ${MEDIA_SCHEME}:`,
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
