import { type ApiResult, linli, type OkOf, request } from './api';
import { field, focusOn, h, replace } from './dom';
import { errorText, fmtNum, tr } from './i18n';
import { busy, loadInto, msgBox, say } from './ui';

type Item = OkOf<typeof linli.counter.items.$get>['items'][number];

const validPrice = (p: number) => Number.isInteger(p) && p >= 1;

/**
 * The shop's own items for points: add one, change its price in place, take it off the counter or
 * put it back, remove it — after an inline "are you sure" (no pop-up: 长辈版 has none).
 */
export function mountItemsAdmin(root: HTMLElement, changed: (items: Item[]) => void): void {
  const list = h('div');
  const msg = msgBox();
  const name = field(tr('counter.items.name'), h('input', { type: 'text', maxlength: 60 }));
  const points = field(
    tr('counter.items.points'),
    h('input', { type: 'number', min: 1, step: 1, inputmode: 'numeric' }),
  );
  const add = h(
    'button',
    { type: 'submit', class: 'button primary wide' },
    tr('counter.items.add'),
  );
  const form = h('form', { class: 'stack', novalidate: true }, name.wrap, points.wrap, add);
  replace(root, list, msg, h('h3', {}, tr('counter.items.new')), form);

  /** A change to one item, then the list again; the outcome in the message line. */
  const act = (
    id: number,
    button: HTMLButtonElement,
    run: () => Promise<ApiResult<unknown>>,
    done?: string,
  ) =>
    busy(button, async () => {
      const res = await run();
      if (!res.ok) return say(msg, 'error', errorText(res));
      say(msg, 'ok', done ?? null);
      await load();
      // Focus where the next action is: the message that says what happened, or the item's own row.
      focusOn(done ? msg : list.querySelector<HTMLElement>(`[data-item-row="${id}"] button`));
    });

  const row = (it: Item): HTMLElement => {
    const li = h('li', { 'data-item-row': it.id });
    const param = { id: String(it.id) };
    const toggle = h(
      'button',
      { type: 'button', class: 'button' },
      it.active ? tr('counter.items.off') : tr('counter.items.on'),
    );
    const edit = h(
      'button',
      { type: 'button', class: 'button', 'aria-expanded': 'false' },
      tr('counter.items.editPrice'),
    );
    const remove = h(
      'button',
      { type: 'button', class: 'button danger' },
      tr('counter.items.remove'),
    );
    const actions = h('div', { class: 'row' }, edit, toggle, remove);
    const spot = h('div');
    replace(
      li,
      h('strong', {}, it.name),
      ` · ${tr('pts.n', { n: fmtNum(it.points) })}`,
      it.active ? null : h('span', { class: 'badge draft' }, tr('counter.items.offShort')),
      actions,
      spot,
    );

    toggle.addEventListener(
      'click',
      () =>
        void act(it.id, toggle, () =>
          request(linli.counter.items[':id'].$patch({ param, json: { active: !it.active } })),
        ),
    );
    const closeSpot = (focus: HTMLElement) => {
      spot.replaceChildren();
      actions.hidden = false;
      edit.setAttribute('aria-expanded', 'false');
      focus.focus();
    };
    edit.addEventListener('click', () => {
      const price = field(
        tr('counter.items.newPrice', { name: it.name }),
        h('input', {
          type: 'number',
          min: 1,
          step: 1,
          inputmode: 'numeric',
          value: it.points,
          name: 'price',
        }),
      );
      const save = h(
        'button',
        { type: 'submit', class: 'button primary' },
        tr('counter.items.save'),
      );
      const cancel = h('button', { type: 'button', class: 'button' }, tr('counter.items.cancel'));
      const priceForm = h(
        'form',
        { class: 'row', novalidate: true, 'data-price-form': '' },
        price.wrap,
        save,
        cancel,
      );
      cancel.addEventListener('click', () => closeSpot(edit));
      priceForm.addEventListener('submit', (e) => {
        e.preventDefault();
        const p = Number((price.input as HTMLInputElement).value);
        if (!validPrice(p)) {
          price.setError(tr('counter.pointsInvalid'));
          return price.input.focus();
        }
        void act(
          it.id,
          save,
          () => request(linli.counter.items[':id'].$patch({ param, json: { points: p } })),
          tr('counter.items.priced', { name: it.name, n: fmtNum(p) }),
        );
      });
      edit.setAttribute('aria-expanded', 'true');
      actions.hidden = true;
      replace(spot, priceForm);
      price.input.focus();
    });
    remove.addEventListener('click', () => {
      const ask = h(
        'p',
        { class: 'found', tabindex: '-1' },
        tr('counter.items.removeAsk', { name: it.name }),
      );
      const yes = h(
        'button',
        { type: 'button', class: 'button danger', 'data-remove-yes': '' },
        tr('counter.items.remove'),
      );
      const no = h('button', { type: 'button', class: 'button' }, tr('counter.items.cancel'));
      yes.addEventListener(
        'click',
        () =>
          void act(
            it.id,
            yes,
            () => request(linli.counter.items[':id'].$delete({ param })),
            tr('counter.items.removed', { name: it.name }),
          ),
      );
      no.addEventListener('click', () => closeSpot(remove));
      actions.hidden = true;
      replace(
        spot,
        h(
          'div',
          {
            class: 'stack',
            role: 'group',
            'aria-label': tr('counter.items.removeAsk', { name: it.name }),
          },
          ask,
          h('div', { class: 'row' }, yes, no),
        ),
      );
      focusOn(ask);
    });
    return li;
  };

  const load = () =>
    loadInto(
      list,
      () => request(linli.counter.items.$get()),
      ({ items }) => {
        changed(items);
        if (items.length === 0)
          return list.append(h('p', { class: 'meta' }, tr('counter.items.none')));
        list.append(h('ul', { class: 'link-list' }, items.map(row)));
      },
    );

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const n = (name.input as HTMLInputElement).value.trim();
    const p = Number((points.input as HTMLInputElement).value);
    name.setError(n ? null : tr('common.required'));
    points.setError(validPrice(p) ? null : tr('counter.pointsInvalid'));
    if (!n || !validPrice(p)) return;
    void busy(add, async () => {
      const res = await request(linli.counter.items.$post({ json: { name: n, points: p } }));
      if (!res.ok) return say(msg, 'error', errorText(res));
      form.reset();
      say(msg, 'ok', tr('counter.items.added', { name: n }));
      await load();
    });
  });
  void load();
}
