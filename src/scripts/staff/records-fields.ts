import { codes, label } from '../../i18n/labels';
import { field, h, nextId } from '../dom';
import { fmtDate, fmtYuan, locale, today, tr } from '../i18n';
import { remember } from '../ui';
import { select } from './common';
import { type AgendaItem, agenda } from './records-agenda';
import { type Control, errorLine } from './records-control';
import { type Field, fl, type Options, type Rec } from './records-specs';

const choicesFor = (f: Extract<Field, { kind: 'ref' }>, options: Options | null) =>
  options?.[f.source];

export function control(
  k: string,
  f: Field,
  rec: Rec | null,
  ro: boolean,
  options: Options | null,
): Control {
  const cur = rec?.[f.name];
  const lab = fl(k, f.name) + ('optional' in f && f.optional ? `（${tr('common.optional')}）` : '');
  const need = (s: string) => (s ? undefined : tr('common.required'));
  if (f.kind === 'agenda') return agenda(cur as AgendaItem[] | undefined, ro);
  if (f.kind === 'multi') {
    const set = new Set((cur as string[] | undefined) ?? []);
    const legendId = nextId('lg');
    const boxes = codes(f.group).map((c) => {
      const id = nextId('cb');
      return {
        c,
        el: h('input', { type: 'checkbox', id, value: c, checked: set.has(c), disabled: ro }),
        id,
      };
    });
    const err = errorLine();
    const wrap = h(
      'fieldset',
      { 'aria-describedby': legendId },
      h('legend', { id: legendId }, lab),
      boxes.map((b) =>
        h(
          'div',
          { class: 'choice' },
          b.el,
          h('label', { for: b.id }, label(locale(), f.group, b.c)),
        ),
      ),
      err.el,
    );
    return {
      name: f.name,
      wrap,
      focusable: boxes[0]!.el,
      read: () => {
        const v = boxes.filter((b) => b.el.checked).map((b) => b.c);
        return v.length ? { value: v } : { error: tr('common.required') };
      },
      setError: err.set,
    };
  }
  if (f.kind === 'bool') {
    const id = nextId('cb');
    const el = h('input', { type: 'checkbox', id, checked: cur === true, disabled: ro });
    return {
      name: f.name,
      wrap: h('div', { class: 'choice' }, el, h('label', { for: id }, lab)),
      focusable: el,
      read: () => ({ value: el.checked }),
      setError: () => {},
    };
  }
  let el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (f.kind === 'enum')
    el = select(
      codes(f.group).map((c) => [c, label(locale(), f.group, c)]),
      (cur as string) ?? remember.get(`rec-${f.name}`),
      f.optional ? '—' : tr('req.pick'),
    );
  else if (f.kind === 'ref')
    el = select(
      choicesFor(f, options) ?? [],
      cur !== undefined && cur !== null
        ? String(cur)
        : f.remember
          ? remember.get(`rec-${f.name}`)
          : null,
      f.optional ? '—' : tr('req.pick'),
    );
  else if (f.kind === 'textarea')
    el = h('textarea', { maxlength: f.max, rows: 3 }, (cur as string) ?? '');
  else if (f.kind === 'date') el = h('input', { type: 'date', value: (cur as string) ?? today() });
  else if (f.kind === 'int')
    el = h('input', {
      type: 'number',
      step: 1,
      min: f.min ?? '',
      max: f.max ?? '',
      inputmode: 'numeric',
      value: cur === null || cur === undefined ? '' : String(cur),
    });
  else if (f.kind === 'fen')
    el = h('input', {
      type: 'text',
      inputmode: 'decimal',
      value: typeof cur === 'number' ? (cur / 100).toFixed(2) : '',
    });
  else el = h('input', { type: 'text', maxlength: f.max, value: (cur as string) ?? '' });
  el.disabled = ro;
  const fieldEl = field(lab, el, f.kind === 'fen' ? { hint: tr('staff.rec.yuanHint') } : {});
  const optional = 'optional' in f && f.optional;
  return {
    name: f.name,
    wrap: fieldEl.wrap,
    focusable: el,
    setError: fieldEl.setError,
    read: () => {
      const raw = el.value.trim();
      if (!raw) return optional ? {} : { error: need(raw) };
      if (f.kind === 'int') {
        const n = Number(raw);
        return Number.isInteger(n) ? { value: n } : { error: tr('staff.rec.intInvalid') };
      }
      if (f.kind === 'ref') return { value: Number(raw) };
      if (f.kind === 'fen') {
        if (!/^-?\d+(\.\d{1,2})?$/.test(raw)) return { error: tr('staff.rec.yuanInvalid') };
        return { value: Math.round(Number(raw) * 100) };
      }
      return { value: raw };
    },
  };
}

/** A field's value as the public will read it: labels for codes, yuan for fen, names for references. */
export function show(f: Field, v: unknown, options: Options | null): string {
  if (v === undefined || v === null || v === '') return '—';
  if (f.kind === 'enum') return label(locale(), f.group, String(v));
  if (f.kind === 'multi') return (v as string[]).map((c) => label(locale(), f.group, c)).join('、');
  if (f.kind === 'fen') return fmtYuan(Number(v));
  if (f.kind === 'bool') return v ? tr('common.yes') : tr('common.no');
  if (f.kind === 'ref')
    return choicesFor(f, options)?.find(([id]) => id === String(v))?.[1] ?? `#${v}`;
  if (f.kind === 'agenda')
    return (v as AgendaItem[])
      .map(
        (a, i) =>
          `${i + 1}. ${a.title}：${a.options.map((o) => `${o.label} ${o.votes}`).join('，')} → ${a.decision}`,
      )
      .join('\n');
  if (f.kind === 'date') return fmtDate(String(v));
  return String(v);
}
