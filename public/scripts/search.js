const form = document.querySelector('[data-search]');
const input = form.querySelector('input[name="q"]');
const statusEl = document.querySelector('[data-search-status]');
const list = document.querySelector('[data-search-results]');
const msg = form.dataset;
let engine = null;
let seq = 0;
let timer = 0;
const say = (template, vars) => template.replace(/\{(\w+)\}/g, (_, k) => vars[k]);
function load() {
  if (!engine) {
    const path = '/pagefind/pagefind.js';
    engine = import(path).then((pf) =>
      pf.options({ excerptLength: 24 }).then(() => {
        pf.init();
        return pf;
      }),
    );
    engine.catch(() => {
      engine = null;
    });
  }
  return engine;
}
function excerpt(el, html) {
  const parts = html.split(/<mark>|<\/mark>/);
  const box = document.createElement('textarea');
  for (let i = 0; i < parts.length; i++) {
    box.innerHTML = parts[i];
    const node = document.createTextNode(box.value);
    if (i % 2 === 1) {
      const m = document.createElement('mark');
      m.appendChild(node);
      el.appendChild(m);
    } else el.appendChild(node);
  }
}
function show(q, items) {
  list.textContent = '';
  statusEl.textContent = items.length
    ? say(msg.count, { n: items.length, q: q })
    : say(msg.none, { q: q });
  items.forEach((r) => {
    const li = document.createElement('li');
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent =
      r.url.indexOf('/deliberations/') >= 0
        ? msg.deliberation
        : r.url.indexOf('/charity/') >= 0
          ? msg.fund
          : r.url.indexOf('/activities/') >= 0
            ? msg.activity
            : msg.service;
    const a = document.createElement('a');
    a.href = r.url;
    a.textContent = r.meta?.title || r.url;
    const p = document.createElement('p');
    excerpt(p, r.excerpt || '');
    li.appendChild(kind);
    li.appendChild(a);
    li.appendChild(p);
    list.appendChild(li);
  });
}
async function run(raw) {
  const q = raw.trim();
  const mine = ++seq;
  if (!q) {
    list.textContent = '';
    statusEl.textContent = '';
    return;
  }
  statusEl.textContent = msg.loading;
  try {
    const pf = await load();
    const found = await pf.search(q);
    if (mine !== seq) return;
    const items = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
    if (mine === seq) show(q, items);
  } catch (_e) {
    if (mine === seq) statusEl.textContent = msg.unavailable;
  }
}
function remember(q) {
  try {
    history.replaceState(null, '', q ? `?q=${encodeURIComponent(q)}` : location.pathname);
  } catch (_e) {}
}
input.addEventListener(
  'focus',
  () => {
    load().catch(() => {});
  },
  { once: true },
);
input.addEventListener('input', (e) => {
  if (e.isComposing) return;
  clearTimeout(timer);
  timer = setTimeout(() => {
    run(input.value);
    remember(input.value.trim());
  }, 250);
});
input.addEventListener('compositionend', () => {
  run(input.value);
});
form.addEventListener('submit', (e) => {
  e.preventDefault();
  clearTimeout(timer);
  run(input.value);
  remember(input.value.trim());
});
const initial = new URLSearchParams(location.search).get('q');
if (initial) {
  input.value = initial;
  run(initial);
}
