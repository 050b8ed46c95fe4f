(function () {
  var root = document.documentElement;
  var buttons = document.querySelectorAll('[data-large-toggle]');
  var sync = function () { buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(root.classList.contains('large'))); }); };
  sync();
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      var on = root.classList.toggle('large');
      sync();
      try { localStorage.setItem('linli-large', on ? '1' : '0'); } catch {}
    });
  });
  // The small-screen menu: a disclosure (no pop-up), closed with Escape back onto its button.
  var toggle = document.querySelector('[data-menu-toggle]');
  var menu = document.getElementById('site-menu');
  var setOpen = function (open) {
    toggle.setAttribute('aria-expanded', String(open));
    menu.classList.toggle('open', open);
  };
  toggle.addEventListener('click', function () { setOpen(toggle.getAttribute('aria-expanded') !== 'true'); });
  menu.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape' || toggle.getAttribute('aria-expanded') !== 'true' || getComputedStyle(toggle).display === 'none') return;
    setOpen(false);
    toggle.focus();
  });
})();
