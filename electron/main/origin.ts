/** The renderer's only legitimate origins: the app scheme, or the electron-vite dev server in development. */
export const APP_SCHEME = 'kluis-app';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const u = new URL(url);
    if (u.origin === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`)) return true;
    return devServerUrl !== undefined && u.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

/** Players and posters load from here: kluis-media://m/<token>, answered by the core's media handler. */
export const MEDIA_SCHEME = 'kluis-media';
