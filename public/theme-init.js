// Put the resolved theme (light or dark) on <html> before the first paint, so there is no flash
// of the wrong one: the stored choice, or the OS setting when the choice is "system". A file, not
// an inline script, so the Content-Security-Policy can forbid inline scripts. From then on
// src/ui/theme.ts keeps the attribute right (OS changes, other tabs, the toggle).
var t = null;
try {
  t = localStorage.getItem('threadline.theme');
} catch (e) {}
if (t !== 'light' && t !== 'dark') t = window.matchMedia && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
document.documentElement.dataset.theme = t;
