// Apply the reader's large-text choice before first paint (no flash, no pop-up); .js marks
// that scripts run, so enhanced controls (filters, charts) show only when they will work.
document.documentElement.classList.add('js');
try {
  if (localStorage.getItem('linli-large') === '1') document.documentElement.classList.add('large');
} catch {}
