(() => {
  const app = document.currentScript.parentNode;
  const form = app.querySelector('form[data-signin]');
  // Never a plain form submission (it would put the password in the address). A sign-in sent
  // before the page's script is ready is held for it (scripts/session.ts sends it).
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!form.dataset.ready) form.dataset.pending = '1';
  });
  if (/(?:^|;\s*)linli_signed_in=/.test(document.cookie)) return;
  app.querySelector('[data-view="loading"]').hidden = true;
  app.querySelector('[data-view="signin"]').hidden = false;
})();
