(() => {
  const root = document.documentElement;
  const buttons = document.querySelectorAll('[data-large-toggle]');
  const sync = () => {
    buttons.forEach((b) => {
      b.setAttribute('aria-pressed', String(root.classList.contains('large')));
    });
  };
  sync();
  buttons.forEach((b) => {
    b.addEventListener('click', () => {
      const on = root.classList.toggle('large');
      sync();
      try {
        localStorage.setItem('linli-large', on ? '1' : '0');
      } catch {}
    });
  });
  // The small-screen menu: a disclosure (no pop-up), closed with Escape back onto its button.
  const toggle = document.querySelector('[data-menu-toggle]');
  const menu = document.getElementById('site-menu');
  const setOpen = (open) => {
    toggle.setAttribute('aria-expanded', String(open));
    menu.classList.toggle('open', open);
  };
  toggle.addEventListener('click', () => {
    setOpen(toggle.getAttribute('aria-expanded') !== 'true');
  });
  menu.addEventListener('keydown', (e) => {
    if (
      e.key !== 'Escape' ||
      toggle.getAttribute('aria-expanded') !== 'true' ||
      getComputedStyle(toggle).display === 'none'
    )
      return;
    setOpen(false);
    toggle.focus();
  });
})();
