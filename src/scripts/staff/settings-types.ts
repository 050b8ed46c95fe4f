import type { ActivityType } from '../../../functions/domain/activities/types';
import { linli, request } from '../api';
import { field, focusOn, h, replace } from '../dom';
import { errorText, fmtNum, isEn, tr } from '../i18n';
import { busy, loadInto, msgBox, say } from '../ui';
import { table } from './common';

/** Activity types and their earning rules (admin): list, add, change a rule, retire or restore. */
export function mountTypes(box: HTMLElement): void {
  const listBox = h('div');
  const editBox = h('div');
  const msg = msgBox();
  replace(
    box,
    listBox,
    msg,
    editBox,
    h('h4', {}, tr('set.newType')),
    typeForm(null, async (body) => {
      // A new type's form sends every field (typeForm).
      const res = await request(linli.admin['activity-types'].$post({ json: body as TypeBody }));
      if (!res.ok) return errorText(res);
      say(msg, 'ok', tr('set.typeAdded', { name: res.data.nameZh }));
      await load();
      return null;
    }),
  );

  const load = () =>
    loadInto(
      listBox,
      () => request(linli.admin['activity-types'].$get()),
      ({ types }) => {
        listBox.append(
          table(
            [
              tr('set.typeNameZh'),
              tr('set.perHour'),
              tr('set.dailyCap'),
              tr('set.typeState'),
              tr('set.typeUsed'),
              '',
            ],
            types.map((t) =>
              h(
                'tr',
                { 'data-type-row': t.id },
                h(
                  'td',
                  {},
                  isEn() ? t.nameEn : t.nameZh,
                  h('br'),
                  h('span', { class: 'meta' }, isEn() ? t.nameZh : t.nameEn),
                ),
                h('td', { class: 'num' }, fmtNum(t.pointsPerHour)),
                h('td', { class: 'num' }, fmtNum(t.dailyCap)),
                h('td', {}, t.active ? tr('set.active') : tr('set.retired')),
                h('td', { class: 'num' }, fmtNum(t.activities)),
                h(
                  'td',
                  {},
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'button',
                      'aria-label': tr('set.editType', { name: t.nameZh }),
                      onclick: () => edit(t),
                    },
                    tr('set.edit'),
                  ),
                ),
              ),
            ),
            tr('set.types'),
          ),
        );
      },
    );

  const edit = (t: ActivityType) => {
    const heading = h('h4', { tabindex: '-1' }, tr('set.editType', { name: t.nameZh }));
    const cancel = h(
      'button',
      { type: 'button', class: 'button', onclick: () => editBox.replaceChildren() },
      tr('common.cancel'),
    );
    replace(
      editBox,
      heading,
      typeForm(t, async (body) => {
        const res = await request(
          linli.admin['activity-types'][':id'].$patch({ param: { id: String(t.id) }, json: body }),
        );
        if (!res.ok) return errorText(res);
        editBox.replaceChildren();
        say(msg, 'ok', tr('set.typeSaved', { name: res.data.nameZh }));
        await load();
        focusOn(msg);
        return null;
      }),
      cancel,
    );
    focusOn(heading);
  };

  void load();
}

type TypeBody = {
  nameZh: string;
  nameEn: string;
  pointsPerHour: number;
  dailyCap: number;
  active: boolean;
};

/** The form of a type: empty to add one, filled to change one (then only the changed fields are sent). */
function typeForm(
  t: ActivityType | null,
  send: (body: Partial<TypeBody>) => Promise<string | null>,
): HTMLFormElement {
  const msg = msgBox();
  const zh = field(
    tr('set.typeNameZh'),
    h('input', { type: 'text', maxlength: 40, value: t?.nameZh ?? '' }),
  );
  const en = field(
    tr('set.typeNameEn'),
    h('input', { type: 'text', maxlength: 60, value: t?.nameEn ?? '' }),
  );
  const rate = intField(tr('set.perHour'), t?.pointsPerHour ?? 10, 1, 1000);
  const cap = intField(tr('set.dailyCap'), t?.dailyCap ?? 50, 1, 10_000);
  const activeId = `type-active-${t?.id ?? 'new'}`;
  const active = h('input', { type: 'checkbox', id: activeId, checked: t ? t.active : true });
  const go = h(
    'button',
    { type: 'submit', class: 'button primary' },
    t ? tr('common.save') : tr('set.addType'),
  );
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    h('div', { class: 'row' }, zh.wrap, en.wrap),
    h('div', { class: 'row' }, rate.wrap, cap.wrap),
    h('div', { class: 'choice' }, active, h('label', { for: activeId }, tr('set.activeLabel'))),
    go,
    msg,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = (f: { input: HTMLElement }) => (f.input as HTMLInputElement).value.trim();
    zh.setError(text(zh) ? null : tr('common.required'));
    en.setError(text(en) ? null : tr('common.required'));
    const pointsPerHour = rate.read();
    const dailyCap = cap.read();
    if (!text(zh) || !text(en) || pointsPerHour === null || dailyCap === null) return;
    const body: TypeBody = {
      nameZh: text(zh),
      nameEn: text(en),
      pointsPerHour,
      dailyCap,
      active: active.checked,
    };
    const patch = t
      ? Object.fromEntries(Object.entries(body).filter(([k, v]) => t[k as keyof TypeBody] !== v))
      : body;
    if (Object.keys(patch).length === 0) return say(msg, 'info', tr('set.nothingChanged'));
    void busy(go, async () => {
      const failed = await send(patch);
      if (failed) return say(msg, 'error', failed);
      if (!t) form.reset();
      say(msg, 'ok', null);
    });
  });
  return form;
}

/** A whole-number field with its bounds, checked before sending. */
export function intField(label: string, value: number, min: number, max: number, hint?: string) {
  const f = field(
    label,
    h('input', { type: 'number', inputmode: 'numeric', min, max, step: 1, value }),
    hint ? { hint } : {},
  );
  const read = (): number | null => {
    const raw = (f.input as HTMLInputElement).value.trim();
    const n = Number(raw);
    const ok = raw !== '' && Number.isInteger(n) && n >= min && n <= max;
    f.setError(ok ? null : tr('set.intInvalid', { min, max }));
    return ok ? n : null;
  };
  return { ...f, read };
}
