document.querySelectorAll('[data-print]').forEach((b) => {
  b.hidden = false;
  b.addEventListener('click', () => {
    window.print();
  });
});
