import { api } from './api';
import { field, h, replace } from './dom';
import { errorText, fmtNum, tr } from './i18n';
import { busy, loadInto, msgBox, say } from './ui';
import type { Item } from '../../functions/domain/counter/items';

/** The shop's own items for points: add one, take it off the counter or put it back, remove it. */
export function mountItemsAdmin(root: HTMLElement, changed: (items: Item[]) => void): void {
  const list = h('div');
  const msg = msgBox();
  const name = field(tr('counter.items.name'), h('input', { type: 'text', maxlength: 60 }));
  const points = field(tr('counter.items.points'), h('input', { type: 'number', min: 1, step: 1, inputmode: 'numeric' }));
  const add = h('button', { type: 'submit', class: 'button primary wide' }, tr('counter.items.add'));
  const form = h('form', { class: 'stack', novalidate: true }, name.wrap, points.wrap, add);
  replace(root, list, msg, h('h3', {}, tr('counter.items.new')), form);

  const load = () =>
    loadInto(list, () => api<{ items: Item[] }>('/counter/items'), ({ items }) => {
      changed(items);
      if (items.length === 0) return list.append(h('p', { class: 'meta' }, tr('counter.items.none')));
      list.append(
        h(
          'ul',
          { class: 'link-list' },
          items.map((it) => {
            const toggle = h('button', { type: 'button', class: 'button' }, it.active ? tr('counter.items.off') : tr('counter.items.on'));
            const remove = h('button', { type: 'button', class: 'button danger' }, tr('counter.items.remove'));
            toggle.addEventListener('click', () =>
              busy(toggle, async () => {
                const res = await api(`/counter/items/${it.id}`, { method: 'PATCH', body: { active: !it.active } });
                if (!res.ok) return say(msg, 'error', errorText(res));
                await load();
              }),
            );
            remove.addEventListener('click', () =>
              busy(remove, async () => {
                const res = await api(`/counter/items/${it.id}`, { method: 'DELETE' });
                if (!res.ok) return say(msg, 'error', errorText(res));
                say(msg, 'ok', tr('counter.items.removed', { name: it.name }));
                await load();
              }),
            );
            return h(
              'li',
              {},
              h('strong', {}, it.name), ` · ${tr('pts.n', { n: fmtNum(it.points) })}`,
              it.active ? null : h('span', { class: 'badge draft' }, tr('counter.items.offShort')),
              h('div', { class: 'row' }, toggle, remove),
            );
          }),
        ),
      );
    });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const n = (name.input as HTMLInputElement).value.trim();
    const p = Number((points.input as HTMLInputElement).value);
    name.setError(n ? null : tr('common.required'));
    points.setError(Number.isInteger(p) && p >= 1 ? null : tr('counter.pointsInvalid'));
    if (!n || !(Number.isInteger(p) && p >= 1)) return;
    void busy(add, async () => {
      const res = await api<Item>('/counter/items', { body: { name: n, points: p } });
      if (!res.ok) return say(msg, 'error', errorText(res));
      form.reset();
      say(msg, 'ok', tr('counter.items.added', { name: n }));
      await load();
    });
  });
  void load();
}
