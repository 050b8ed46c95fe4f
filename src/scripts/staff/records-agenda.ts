import { field, focusOn, h } from '../dom';
import { tr } from '../i18n';
import { type Control, errorLine } from './records-control';

export interface AgendaItem {
  title: string;
  description: string;
  decision: string;
  options: Array<{ label: string; votes: number }>;
}

/** Agenda items, each with its options and their votes: add and remove rows, no retyping. */
export function agenda(items: AgendaItem[] | undefined, ro: boolean): Control {
  const wrap = h('fieldset', { class: 'stack' }, h('legend', {}, tr('staff.rec.f.agendaItems')));
  const list = h('div', { class: 'stack' });
  const err = errorLine();
  const addItem = h(
    'button',
    { type: 'button', class: 'button', hidden: ro },
    tr('staff.rec.addItem'),
  );
  wrap.append(list, addItem, err.el);
  // One reader per row ever added; a removed row reads as '' and the other rows keep their places.
  const rows: Array<() => AgendaItem | string> = [];
  const item = (it?: AgendaItem) => {
    const t = field(
      tr('staff.rec.itemTitle'),
      h('input', { type: 'text', maxlength: 200, value: it?.title ?? '', disabled: ro }),
    );
    const d = field(
      tr('staff.rec.itemDesc'),
      h('textarea', { maxlength: 5000, rows: 2, disabled: ro }, it?.description ?? ''),
    );
    const dec = field(
      tr('staff.rec.decision'),
      h('textarea', { maxlength: 2000, rows: 2, disabled: ro }, it?.decision ?? ''),
    );
    const opts = h('div', { class: 'stack' });
    const optRows: Array<{ l: HTMLInputElement; v: HTMLInputElement }> = [];
    const addOpt = (o?: { label: string; votes: number }) => {
      const l = h('input', { type: 'text', maxlength: 200, value: o?.label ?? '', disabled: ro });
      const v = h('input', { type: 'number', min: 0, step: 1, value: o?.votes ?? 0, disabled: ro });
      optRows.push({ l, v });
      opts.append(
        h(
          'div',
          { class: 'row' },
          field(tr('staff.rec.option'), l).wrap,
          field(tr('staff.rec.votes'), v).wrap,
        ),
      );
    };
    (it?.options ?? []).forEach(addOpt);
    const addOptBtn = h(
      'button',
      { type: 'button', class: 'button', hidden: ro, onclick: () => addOpt() },
      tr('staff.rec.addOption'),
    );
    const box = h(
      'div',
      { class: 'repeat' },
      h('strong', {}, tr('staff.rec.item', { n: rows.length + 1 })),
      t.wrap,
      d.wrap,
      opts,
      addOptBtn,
      dec.wrap,
    );
    const remove = h(
      'button',
      { type: 'button', class: 'button danger', hidden: ro },
      tr('staff.rec.removeItem'),
    );
    const idx = rows.length;
    remove.addEventListener('click', () => {
      box.remove();
      rows[idx] = () => '';
    });
    box.append(remove);
    list.append(box);
    rows.push(() => {
      const title = (t.input as HTMLInputElement).value.trim();
      const description = (d.input as HTMLTextAreaElement).value.trim();
      const decision = (dec.input as HTMLTextAreaElement).value.trim();
      if (!title || !description || !decision) return tr('staff.rec.itemMissing');
      return {
        title,
        description,
        decision,
        options: optRows
          .filter((o) => o.l.value.trim())
          .map((o) => ({ label: o.l.value.trim(), votes: Number(o.v.value) || 0 })),
      };
    });
    if (!it) addOpt();
  };
  for (const i of items?.length ? items : [undefined]) item(i);
  addItem.addEventListener('click', () => {
    item();
    focusOn(list.lastElementChild?.querySelector('input'));
  });
  return {
    name: 'agendaItems',
    wrap,
    focusable: addItem,
    read: () => {
      const out: AgendaItem[] = [];
      for (const r of rows) {
        const v = r();
        if (v === '') continue;
        if (typeof v === 'string') return { error: v };
        out.push(v);
      }
      return out.length ? { value: out } : { error: tr('staff.rec.itemMissing') };
    },
    setError: err.set,
  };
}
