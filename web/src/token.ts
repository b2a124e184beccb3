import { decodeComponent } from './text';

/**
 * The access token of a server with API_TOKEN set. Pages get it from a `#token=…` link once (a fragment
 * never reaches a server, a log or a Referer) or from the user; it is kept for the browser tab in
 * sessionStorage and taken out of the address bar. The widget gets it from its script tag (data-token).
 */
const STORAGE_KEY = 'shiori-token';

export function pageToken(): string | undefined {
  const linked = /^#token=([^&]+)$/u.exec(location.hash)?.[1];
  // A token that is not valid percent-encoding is no token: the UI asks for one, as without a link.
  const fromLink = linked === undefined ? undefined : decodeComponent(linked);
  if (linked !== undefined) history.replaceState(null, '', `${location.pathname}${location.search}`);
  if (fromLink !== undefined) rememberToken(fromLink);
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return fromLink;
  }
}

export function rememberToken(token: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, token.trim());
  } catch {
    // Storage may be off (private mode, iframe): the token then lasts for this page only.
  }
}
