import { h } from './dom';

/**
 * Links to the PDF a paper was read from (issue 16), at a page: `/documents/:id/pdf#page=N`, which the
 * server answers under the API's rules. When the server needs an access token a link cannot send it, so
 * the click fetches the PDF with the token and opens it from memory at the page instead.
 */
export function originalHref(base: string, docId: string, page?: number): string {
  return `${base}/documents/${encodeURIComponent(docId)}/pdf${page === undefined ? '' : `#page=${page}`}`;
}

export function originalLink(options: { base: string; docId: string; page?: number; text: string; label?: string; className: string; token?: () => string | undefined }): HTMLAnchorElement {
  const { base, docId, page, token } = options;
  const link = h('a', { class: options.className, attrs: { href: originalHref(base, docId, page), target: '_blank', rel: 'noopener', ...(options.label ? { 'aria-label': options.label } : {}) } }, options.text) as HTMLAnchorElement;
  link.addEventListener('click', (event) => {
    const value = token?.();
    if (value === undefined || value === '' || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    // Opened now, while the click counts as the user's, and filled once the PDF has arrived.
    const tab = window.open('', '_blank');
    void fetch(`${base}/api/documents/${encodeURIComponent(docId)}/pdf`, { headers: { authorization: `Bearer ${value}` } })
      .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(String(response.status)))))
      .then((blob) => {
        const url = URL.createObjectURL(blob);
        if (tab !== null) tab.location.href = `${url}${page === undefined ? '' : `#page=${page}`}`;
      })
      .catch(() => tab?.close());
  });
  return link;
}
