var form = document.querySelector('[data-search]');
var input = form.querySelector('input[name="q"]');
var statusEl = document.querySelector('[data-search-status]');
var list = document.querySelector('[data-search-results]');
var msg = form.dataset;
var engine = null;
var seq = 0;
var timer = 0;
var say = function (template, vars) { return template.replace(/\{(\w+)\}/g, function (_, k) { return vars[k]; }); };
function load() {
  if (!engine) {
    var path = '/pagefind/pagefind.js';
    engine = import(path).then(function (pf) { return pf.options({ excerptLength: 24 }).then(function () { pf.init(); return pf; }); });
    engine.catch(function () { engine = null; });
  }
  return engine;
}
function excerpt(el, html) {
  var parts = html.split(/<mark>|<\/mark>/);
  var box = document.createElement('textarea');
  for (var i = 0; i < parts.length; i++) {
    box.innerHTML = parts[i];
    var node = document.createTextNode(box.value);
    if (i % 2 === 1) { var m = document.createElement('mark'); m.appendChild(node); el.appendChild(m); } else el.appendChild(node);
  }
}
function show(q, items) {
  list.textContent = '';
  statusEl.textContent = items.length ? say(msg.count, { n: items.length, q: q }) : say(msg.none, { q: q });
  items.forEach(function (r) {
    var li = document.createElement('li');
    var kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = r.url.indexOf('/deliberations/') >= 0 ? msg.deliberation : r.url.indexOf('/charity/') >= 0 ? msg.fund : r.url.indexOf('/activities/') >= 0 ? msg.activity : msg.service;
    var a = document.createElement('a');
    a.href = r.url;
    a.textContent = (r.meta && r.meta.title) || r.url;
    var p = document.createElement('p');
    excerpt(p, r.excerpt || '');
    li.appendChild(kind);
    li.appendChild(a);
    li.appendChild(p);
    list.appendChild(li);
  });
}
async function run(raw) {
  var q = raw.trim();
  var mine = ++seq;
  if (!q) { list.textContent = ''; statusEl.textContent = ''; return; }
  statusEl.textContent = msg.loading;
  try {
    var pf = await load();
    var found = await pf.search(q);
    if (mine !== seq) return;
    var items = await Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); }));
    if (mine === seq) show(q, items);
  } catch (e) {
    if (mine === seq) statusEl.textContent = msg.unavailable;
  }
}
function remember(q) {
  try { history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname); } catch (e) {}
}
input.addEventListener('focus', function () { load().catch(function () {}); }, { once: true });
input.addEventListener('input', function (e) {
  if (e.isComposing) return;
  clearTimeout(timer);
  timer = setTimeout(function () { run(input.value); remember(input.value.trim()); }, 250);
});
input.addEventListener('compositionend', function () { run(input.value); });
form.addEventListener('submit', function (e) {
  e.preventDefault();
  clearTimeout(timer);
  run(input.value);
  remember(input.value.trim());
});
var initial = new URLSearchParams(location.search).get('q');
if (initial) { input.value = initial; run(initial); }
