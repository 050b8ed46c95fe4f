import type { InferRequestType } from 'hono/client';
import { field, h, replace } from '../dom';
import { errorText, fmtDate, tr } from '../i18n';
import { loadInto, remember } from '../ui';
import { select, table } from './common';
import { type Desk, edit } from './records-editor';
import { loadOptions as sharedOptions } from './records-options';
import { requestPage, requestRecord, routesOf } from './records-routes';
import { badge, KINDS, kindName, type Options, type Rec, SPECS } from './records-specs';

/**
 * Public records: one form engine for services, deliberations (agenda items, options and votes,
 * then follow-up updates), donations, incomes, expenses (receipt upload, second-staff approval)
 * and corrections. Draft → preview → save → publish; a published record is revised (with its
 * reason) or withdrawn as a new version, a wrong amount is corrected by a correction, and its
 * follow-ups keep getting dated updates.
 *
 * This panel holds the kind picker, the list and the editor pane; what each kind holds is in
 * records-specs, the editor in records-editor.
 */
export function mount(root: HTMLElement): void {
  const kindSel = field(
    tr('staff.rec.kind'),
    select(
      KINDS.map((k) => [k, kindName(k)]),
      remember.get('rec-kind') ?? 'services',
    ),
  );
  const newBtn = h('button', { type: 'button', class: 'button primary' }, tr('staff.rec.new'));
  const statusSel = field(
    tr('staff.req.status'),
    select(
      [
        ['draft', tr('staff.rec.draft')],
        ['published', tr('staff.rec.published')],
        ['withdrawn', tr('staff.rec.withdrawn')],
      ],
      'draft',
      tr('staff.req.all'),
    ),
  );
  const listBox = h('div');
  const editor = h('section', { 'aria-labelledby': 'rec-edit-h' });
  // The editor pane before a record is picked (and again when the kind changes).
  const blankEditor = () =>
    replace(
      editor,
      h('h3', { id: 'rec-edit-h', tabindex: '-1' }, tr('staff.rec.editor')),
      h('p', { class: 'meta' }, tr('staff.rec.pickOne')),
    );
  blankEditor();
  replace(
    root,
    h('div', { class: 'row' }, kindSel.wrap, statusSel.wrap, newBtn),
    h('div', { class: 'panel-grid' }, listBox, editor),
  );
  const kind = () => (kindSel.input as HTMLSelectElement).value;

  let options: Options | null = null;
  const loadOptions = async (): Promise<Options> => (options = await sharedOptions());

  const loadList = () => {
    const query: InferRequestType<ReturnType<typeof routesOf>['$get']>['query'] = { limit: '50' };
    const st = (statusSel.input as HTMLSelectElement).value;
    if (st) query.status = st as Rec['status'];
    const spec = SPECS[kind()]!;
    return loadInto(
      listBox,
      () => requestPage(routesOf(spec.path).$get({ query })),
      ({ items }) => {
        if (items.length === 0)
          return listBox.append(h('p', { class: 'meta' }, tr('staff.rec.none')));
        listBox.append(
          table(
            ['#', tr('staff.rec.what'), tr('staff.req.status'), ''],
            items.map((r) =>
              h(
                'tr',
                {},
                h('td', { class: 'num' }, r.id),
                h(
                  'td',
                  {},
                  spec.title(r),
                  spec.date?.(r)
                    ? h('span', { class: 'meta' }, ` · ${fmtDate(spec.date(r)!)}`)
                    : null,
                ),
                h('td', {}, badge(r.status)),
                h(
                  'td',
                  {},
                  h(
                    'button',
                    { type: 'button', class: 'button', onclick: () => void open(r.id) },
                    r.status === 'draft' ? tr('staff.rec.edit') : tr('staff.rec.view'),
                  ),
                ),
              ),
            ),
            kindName(kind()),
          ),
        );
      },
    );
  };

  const open = async (id: number) => {
    const spec = SPECS[kind()]!;
    await loadOptions();
    const res = await requestRecord(routesOf(spec.path)[':id'].$get({ param: { id: String(id) } }));
    if (!res.ok)
      return replace(editor, h('p', { class: 'msg msg-error', role: 'alert' }, errorText(res)));
    edit(desk, kind(), res.data);
  };
  const desk: Desk = { editor, options: () => options, loadList, open };

  kindSel.input.addEventListener('change', () => {
    remember.set('rec-kind', kind());
    void loadList();
    blankEditor();
  });
  statusSel.input.addEventListener('change', () => void loadList());
  newBtn.addEventListener('click', async () => {
    await loadOptions();
    edit(desk, kind(), null);
  });

  void loadOptions();
  void loadList();
}
