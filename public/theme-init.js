// Apply the stored theme before the first paint (no flash). A file, not an inline script,
// so the Content-Security-Policy can forbid inline scripts.
try {
  var t = localStorage.getItem('threadline.theme');
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
} catch (e) {}
