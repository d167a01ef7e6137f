/**
 * Frame busting for static hosts that send no `frame-ancestors` / `X-Frame-Options` headers
 * (with them, the browser never renders a framed Threadline). When the page is inside a
 * frame, the app is not rendered: a short sentence and a link to open it in its own tab are
 * shown instead, so another site cannot overlay it (clickjacking).
 */
export function isFramed(win: Window = window): boolean {
  try {
    return win.top !== win.self;
  } catch {
    return true; // Reading `top` threw: certainly framed.
  }
}

export function renderFramedNotice(root: HTMLElement, href: string = location.href): void {
  const box = document.createElement('div');
  box.className = 'framed-notice';
  box.setAttribute('role', 'alert');
  box.dataset.testid = 'framed-notice';
  const p = document.createElement('p');
  p.textContent = 'Threadline does not run inside another page, to keep your notebooks safe.';
  const a = document.createElement('a');
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  a.textContent = 'Open Threadline in its own tab';
  box.append(p, a);
  root.replaceChildren(box);
}
