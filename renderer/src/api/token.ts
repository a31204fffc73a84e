const KEY = 'kluis.token';

/**
 * The test host hands its token over in the URL fragment (never sent to a server, kept out of
 * logs). It leaves the address bar at once so it is not bookmarked or shared; sessionStorage
 * keeps it for a reload of this tab only.
 */
export function takeToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(KEY);
}
