import { api } from '../api';
import { field, focusOn, h, nextId, replace } from '../dom';
import { errorText, fmtDate, fmtYuan, locale, today, tr } from '../i18n';
import type { AppKey } from '../../i18n/app';
import { codes, label, type LabelGroup } from '../../i18n/labels';
import { busy, loadInto, msgBox, remember, say } from '../ui';
import { select, table } from './common';

/**
 * Public records: one form engine for services, deliberations (agenda items, options and votes,
 * then follow-up updates), donations, incomes, expenses (receipt upload, second-staff approval)
 * and corrections. Draft → preview → save → publish; a published record is read-only (a
 * correction is a new record), its follow-ups keep getting dated updates.
 */
type Field =
  | { name: string; kind: 'text' | 'textarea'; max: number; optional?: boolean }
  | { name: string; kind: 'date'; optional?: boolean }
  | { name: string; kind: 'int'; min?: number; max?: number; optional?: boolean }
  | { name: string; kind: 'fen'; optional?: boolean }
  | { name: string; kind: 'bool' }
  | { name: string; kind: 'enum'; group: LabelGroup; optional?: boolean }
  | { name: string; kind: 'multi'; group: LabelGroup }
  | { name: string; kind: 'ref'; source: 'funds' | 'organizations' | 'deliberations' | 'published'; optional?: boolean; remember?: boolean }
  | { name: string; kind: 'agenda' };

interface Spec {
  path: string;
  fields: Field[];
  title: (r: Rec) => string;
  date?: (r: Rec) => string | undefined;
}
type Rec = Record<string, unknown> & { id: number; status: 'draft' | 'published' };

const SPECS: Record<string, Spec> = {
  services: {
    path: 'services',
    fields: [
      { name: 'category', kind: 'enum', group: 'category' },
      { name: 'title', kind: 'text', max: 100 },
      { name: 'description', kind: 'textarea', max: 2000 },
      { name: 'providerId', kind: 'ref', source: 'organizations' },
      { name: 'audiences', kind: 'multi', group: 'audience' },
      { name: 'schedule', kind: 'text', max: 100 },
      { name: 'monthlyDay', kind: 'int', min: 1, max: 31, optional: true },
      { name: 'place', kind: 'text', max: 100, optional: false },
      { name: 'cost', kind: 'enum', group: 'cost' },
      { name: 'costNote', kind: 'text', max: 200, optional: true },
      { name: 'howToAsk', kind: 'textarea', max: 500 },
      { name: 'deliberationId', kind: 'ref', source: 'deliberations', optional: true },
    ],
    title: (r) => String(r.title),
  },
  deliberations: {
    path: 'deliberations',
    fields: [
      { name: 'body', kind: 'enum', group: 'body' },
      { name: 'title', kind: 'text', max: 200 },
      { name: 'date', kind: 'date' },
      { name: 'place', kind: 'text', max: 100 },
      { name: 'chair', kind: 'text', max: 100 },
      { name: 'building', kind: 'text', max: 100, optional: true },
      { name: 'expected', kind: 'int', min: 0 },
      { name: 'present', kind: 'int', min: 0 },
      { name: 'quorum', kind: 'int', min: 0 },
      { name: 'summary', kind: 'textarea', max: 5000 },
      { name: 'agendaItems', kind: 'agenda' },
      { name: 'resolution', kind: 'textarea', max: 5000 },
    ],
    title: (r) => String(r.title),
    date: (r) => String(r.date),
  },
  donations: {
    path: 'donations',
    fields: [
      { name: 'fundId', kind: 'ref', source: 'funds', remember: true },
      { name: 'date', kind: 'date' },
      { name: 'donorType', kind: 'enum', group: 'donorType' },
      { name: 'donorName', kind: 'text', max: 100 },
      { name: 'anonymous', kind: 'bool' },
      { name: 'organizationId', kind: 'ref', source: 'organizations', optional: true },
      { name: 'form', kind: 'enum', group: 'donationForm' },
      { name: 'amountFen', kind: 'fen' },
      { name: 'itemDescription', kind: 'text', max: 500, optional: true },
      { name: 'quantity', kind: 'text', max: 100, optional: true },
      { name: 'outcome', kind: 'textarea', max: 1000, optional: true },
      { name: 'receiptNo', kind: 'text', max: 50 },
      { name: 'note', kind: 'textarea', max: 1000, optional: true },
    ],
    title: (r) => `${r.anonymous ? tr('staff.rec.anonymous') : String(r.donorName)} · ${fmtYuan(Number(r.amountFen))}`,
    date: (r) => String(r.date),
  },
  incomes: {
    path: 'incomes',
    fields: [
      { name: 'fundId', kind: 'ref', source: 'funds', remember: true },
      { name: 'date', kind: 'date' },
      { name: 'source', kind: 'text', max: 200 },
      { name: 'kind', kind: 'enum', group: 'incomeKind' },
      { name: 'amountFen', kind: 'fen' },
      { name: 'receiptNo', kind: 'text', max: 50 },
    ],
    title: (r) => `${String(r.source)} · ${fmtYuan(Number(r.amountFen))}`,
    date: (r) => String(r.date),
  },
  expenses: {
    path: 'expenses',
    fields: [
      { name: 'fundId', kind: 'ref', source: 'funds', remember: true },
      { name: 'date', kind: 'date' },
      { name: 'budgetLine', kind: 'enum', group: 'budgetLine' },
      { name: 'description', kind: 'textarea', max: 1000 },
      { name: 'payee', kind: 'text', max: 200 },
      { name: 'beneficiaries', kind: 'text', max: 500, optional: true },
      { name: 'amountFen', kind: 'fen' },
      { name: 'receiptNo', kind: 'text', max: 50 },
      { name: 'deliberationId', kind: 'ref', source: 'deliberations', optional: true },
    ],
    title: (r) => `${String(r.description).slice(0, 40)} · ${fmtYuan(Number(r.amountFen))}`,
    date: (r) => String(r.date),
  },
  funds: {
    path: 'funds',
    fields: [
      { name: 'code', kind: 'text', max: 32 },
      { name: 'name', kind: 'text', max: 100 },
      { name: 'kind', kind: 'enum', group: 'fundKind' },
      { name: 'description', kind: 'textarea', max: 2000 },
    ],
    title: (r) => String(r.name),
  },
  organizations: {
    path: 'organizations',
    fields: [
      { name: 'kind', kind: 'enum', group: 'orgKind' },
      { name: 'name', kind: 'text', max: 100 },
      { name: 'parentId', kind: 'ref', source: 'organizations', optional: true },
      { name: 'description', kind: 'textarea', max: 2000 },
      { name: 'provides', kind: 'textarea', max: 500 },
      { name: 'covers', kind: 'text', max: 200, optional: true },
      { name: 'contact', kind: 'text', max: 100, optional: true },
    ],
    title: (r) => `${String(r.name)}（${label(locale(), 'orgKind', String(r.kind))}）`,
  },
  corrections: {
    path: 'corrections',
    fields: [
      { name: 'entity', kind: 'enum', group: 'correctionEntity' },
      { name: 'entityId', kind: 'int', min: 1 },
      { name: 'date', kind: 'date' },
      { name: 'amountDeltaFen', kind: 'fen' },
      { name: 'explanation', kind: 'textarea', max: 2000 },
    ],
    title: (r) => `${label(locale(), 'correctionEntity', String(r.entity))} #${r.entityId} · ${String(r.explanation).slice(0, 40)}`,
    date: (r) => String(r.date),
  },
};
const KINDS = Object.keys(SPECS);
/** A field's label: the record kind's own (staff.rec.f.funds.kind) before the shared one (staff.rec.f.kind). */
const fl = (kind: string, name: string) => {
  const own = `staff.rec.f.${kind}.${name}` as AppKey;
  const text = tr(own);
  return text !== own ? text : tr(`staff.rec.f.${name}` as AppKey);
};

type Options = Record<'funds' | 'organizations' | 'deliberations', Array<[string, string]>>;

export function mount(root: HTMLElement): void {
  const kindSel = field(tr('staff.rec.kind'), select(KINDS.map((k) => [k, tr(`staff.rec.k.${k}` as AppKey)]), remember.get('rec-kind') ?? 'services'));
  const newBtn = h('button', { type: 'button', class: 'button primary' }, tr('staff.rec.new'));
  const statusSel = field(tr('staff.req.status'), select([['draft', tr('staff.rec.draft')], ['published', tr('staff.rec.published')]], 'draft', tr('staff.req.all')));
  const listBox = h('div');
  const editor = h('section', { 'aria-labelledby': 'rec-edit-h' }, h('h3', { id: 'rec-edit-h', tabindex: '-1' }, tr('staff.rec.editor')), h('p', { class: 'meta' }, tr('staff.rec.pickOne')));
  replace(root, h('div', { class: 'row' }, kindSel.wrap, statusSel.wrap, newBtn), h('div', { class: 'panel-grid' }, listBox, editor));
  const kind = () => (kindSel.input as HTMLSelectElement).value;

  let options: Options | null = null;
  const loadOptions = async (): Promise<Options> => {
    if (options) return options;
    const [f, o, d] = await Promise.all([
      api<{ items: Array<{ id: number; name: string; status: string }> }>('/staff/records/funds?limit=200'),
      api<{ items: Array<{ id: number; name: string; kind: string }> }>('/staff/records/organizations?limit=200'),
      api<{ items: Array<{ id: number; title: string; date: string }> }>('/staff/records/deliberations?limit=200'),
    ]);
    options = {
      funds: f.ok ? f.data.items.map((x) => [String(x.id), x.name]) : [],
      organizations: o.ok ? o.data.items.map((x) => [String(x.id), `${x.name}（${label(locale(), 'orgKind', x.kind)}）`]) : [],
      deliberations: d.ok ? d.data.items.map((x) => [String(x.id), `${x.date} ${x.title}`]) : [],
    };
    return options;
  };

  const loadList = () => {
    const q = new URLSearchParams({ limit: '50' });
    const st = (statusSel.input as HTMLSelectElement).value;
    if (st) q.set('status', st);
    const spec = SPECS[kind()]!;
    return loadInto(listBox, () => api<{ items: Rec[] }>(`/staff/records/${spec.path}?${q}`), ({ items }) => {
      if (items.length === 0) return listBox.append(h('p', { class: 'meta' }, tr('staff.rec.none')));
      listBox.append(
        table(
          ['#', tr('staff.rec.what'), tr('staff.req.status'), ''],
          items.map((r) =>
            h(
              'tr',
              {},
              h('td', { class: 'num' }, r.id),
              h('td', {}, spec.title(r), spec.date?.(r) ? h('span', { class: 'meta' }, ` · ${fmtDate(spec.date(r)!)}`) : null),
              h('td', {}, badge(r.status)),
              h('td', {}, h('button', { type: 'button', class: 'button', onclick: () => void open(r.id) }, r.status === 'draft' ? tr('staff.rec.edit') : tr('staff.rec.view'))),
            ),
          ),
          tr(`staff.rec.k.${kind()}` as AppKey),
        ),
      );
    });
  };
  kindSel.input.addEventListener('change', () => {
    remember.set('rec-kind', kind());
    void loadList();
    replace(editor, h('h3', { id: 'rec-edit-h', tabindex: '-1' }, tr('staff.rec.editor')), h('p', { class: 'meta' }, tr('staff.rec.pickOne')));
  });
  statusSel.input.addEventListener('change', () => void loadList());
  newBtn.addEventListener('click', async () => {
    await loadOptions();
    edit(kind(), null);
  });

  const open = async (id: number) => {
    const spec = SPECS[kind()]!;
    await loadOptions();
    const res = await api<Rec>(`/staff/records/${spec.path}/${id}`);
    if (!res.ok) return replace(editor, h('p', { class: 'msg msg-error', role: 'alert' }, errorText(res)));
    edit(kind(), res.data);
  };

  // ---- The editor ----
  const edit = (k: string, rec: Rec | null) => {
    const spec = SPECS[k]!;
    const heading = h('h3', { id: 'rec-edit-h', tabindex: '-1' }, rec ? `${tr(`staff.rec.k.${k}` as AppKey)} #${rec.id}` : tr('staff.rec.newOf', { kind: tr(`staff.rec.k.${k}` as AppKey) }), rec ? [' ', badge(rec.status)] : null);
    const msg = msgBox();
    const previewBox = h('div', { class: 'preview', hidden: true, 'aria-live': 'polite' });
    const readOnly = rec?.status === 'published';
    const controls = spec.fields.map((f) => control(k, f, rec, readOnly));
    const form = h('form', { class: 'stack', novalidate: true }, controls.map((c) => c.wrap));
    const previewBtn = h('button', { type: 'button', class: 'button' }, tr('staff.rec.preview'));
    const saveBtn = h('button', { type: 'submit', class: 'button primary' }, tr('staff.rec.save'));
    const publishBtn = h('button', { type: 'button', class: 'button primary', hidden: !rec || readOnly, 'data-publish': '' }, tr('staff.rec.publish'));
    if (!readOnly) form.append(h('div', { class: 'row' }, previewBtn, saveBtn, publishBtn));
    replace(editor, heading, msg, form, previewBox);
    if (readOnly) {
      // A published record reads as it is published; its follow-ups (below) keep getting updates.
      form.hidden = true;
      editor.insertBefore(h('p', { class: 'msg msg-info', role: 'status' }, tr('staff.rec.readOnly')), form);
      replace(previewBox, h('dl', { class: 'facts' }, spec.fields.flatMap((f) => [h('dt', {}, fl(k, f.name)), h('dd', { class: 'pre' }, show(f, rec![f.name]))])));
      previewBox.hidden = false;
    }

    const collect = (): Record<string, unknown> | null => {
      const body: Record<string, unknown> = {};
      let firstBad: HTMLElement | null = null;
      for (const c of controls) {
        const v = c.read();
        if (v.error) {
          c.setError(v.error);
          firstBad ??= c.focusable;
          continue;
        }
        c.setError(null);
        if (v.value === undefined) {
          if (rec) body[c.name] = null; // clearing an optional field of a draft
          continue;
        }
        body[c.name] = v.value;
      }
      if (firstBad) {
        firstBad.focus();
        say(msg, 'error', tr('staff.rec.fix'));
        return null;
      }
      say(msg, 'info', null);
      return body;
    };

    previewBtn.addEventListener('click', () => {
      const body = collect();
      if (!body) return;
      replace(
        previewBox,
        h('h4', { tabindex: '-1' }, tr('staff.rec.previewTitle')),
        h('dl', { class: 'facts' }, spec.fields.flatMap((f) => [h('dt', {}, fl(k, f.name)), h('dd', {}, show(f, body[f.name]))])),
      );
      previewBox.hidden = false;
      focusOn(previewBox.querySelector('h4'));
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = collect();
      if (!body) return;
      for (const f of spec.fields) if (f.kind === 'ref' && f.remember && body[f.name]) remember.set(`rec-${f.name}`, String(body[f.name]));
      void busy(saveBtn, async () => {
        const res = rec ? await api<Rec>(`/staff/records/${spec.path}/${rec.id}`, { method: 'PATCH', body }) : await api<Rec>(`/staff/records/${spec.path}`, { body });
        if (!res.ok) return say(msg, 'error', errorText(res));
        void loadList();
        edit(k, res.data);
        const m = editor.querySelector<HTMLElement>('.msg');
        if (m) say(m, 'ok', tr('staff.rec.saved', { id: res.data.id }));
      });
    });
    publishBtn.addEventListener('click', () => {
      const yes = h('button', { type: 'button', class: 'button primary', 'data-confirm-publish': '' }, tr('staff.rec.publishYes'));
      const no = h('button', { type: 'button', class: 'button' }, tr('common.cancel'));
      const box = h('div', { class: 'confirm' }, h('p', { class: 'confirm-line' }, tr('staff.rec.publishSure')), h('p', {}, tr('staff.rec.publishHint')), yes, no);
      publishBtn.replaceWith(box);
      yes.focus();
      no.addEventListener('click', () => box.replaceWith(publishBtn));
      yes.addEventListener('click', () =>
        busy(yes, async () => {
          const res = await api<Rec>(`/staff/records/${spec.path}/${rec!.id}/publish`, { method: 'POST' });
          if (!res.ok) return say(msg, 'error', errorText(res));
          void loadList();
          edit(k, res.data);
          const m = editor.querySelector<HTMLElement>('.msg');
          if (m) say(m, 'ok', tr('staff.rec.publishedNow'));
        }),
      );
    });
    if (rec && k === 'expenses') editor.append(expenseExtras(rec, msg, () => void open(rec.id)));
    if (rec && k === 'deliberations') editor.append(followups(rec, msg));
    focusOn(heading);
  };

  const expenseExtras = (rec: Rec, _top: HTMLElement, reload: () => void) => {
    // Errors show here, next to the buttons that caused them.
    const msg = msgBox();
    const box = h('div', { class: 'stack' });
    const receipts = (rec.receipts as Array<{ id: number; filename: string; size: number }>) ?? [];
    box.append(
      h('h4', {}, tr('staff.rec.receipts')),
      receipts.length
        ? h('ul', {}, receipts.map((r) => h('li', {}, h('a', { href: `/api/staff/records/expenses/${rec.id}/receipts/${r.id}`, target: '_blank', rel: 'noopener' }, r.filename), ` (${Math.ceil(r.size / 1024)} KB)`)))
        : h('p', { class: 'meta' }, tr('staff.rec.noReceipts')),
    );
    if (rec.status === 'draft') {
      const file = h('input', { type: 'file', accept: 'image/png,image/jpeg,application/pdf' });
      const f = field(tr('staff.rec.upload'), file, { hint: tr('staff.rec.uploadHint') });
      const up = h('button', { type: 'button', class: 'button' }, tr('staff.rec.uploadGo'));
      up.addEventListener('click', () =>
        busy(up, async () => {
          const chosen = file.files?.[0];
          if (!chosen) return f.setError(tr('staff.imp.noFile'));
          f.setError(null);
          const form = new FormData();
          form.append('file', chosen);
          const res = await api(`/staff/records/expenses/${rec.id}/receipts`, { method: 'POST', raw: form });
          if (!res.ok) return say(msg, 'error', errorText(res));
          reload();
        }),
      );
      box.append(f.wrap, up);
      if (!rec.approvedBy) {
        const approve = h('button', { type: 'button', class: 'button' }, tr('staff.rec.approve'));
        approve.addEventListener('click', () =>
          busy(approve, async () => {
            const res = await api(`/staff/records/expenses/${rec.id}/approve`, { method: 'POST' });
            if (!res.ok) return say(msg, 'error', errorText(res));
            reload();
          }),
        );
        box.append(h('p', { class: 'hint' }, tr('staff.rec.approveHint')), approve);
      } else box.append(h('p', { class: 'msg msg-ok' }, tr('staff.rec.approved', { id: String(rec.approvedBy) })));
    }
    box.append(msg);
    return box;
  };

  const followups = (rec: Rec, _top: HTMLElement) => {
    const msg = msgBox();
    const box = h('div', { class: 'stack' }, h('h4', {}, tr('staff.rec.followups')), msg);
    const list = (rec.followups as Array<{ id: number; title: string; dueDate: string; status: string; progress: number; updates: Array<{ date: string; status: string; progress: number; note: string }> }>) ?? [];
    for (const fu of list) {
      const date = field(tr('staff.rec.f.date'), h('input', { type: 'date', value: today() }));
      const st = field(tr('staff.req.status'), select(codes('followupStatus').map((c) => [c, label(locale(), 'followupStatus', c)]), fu.status));
      const pr = field(tr('staff.rec.progress'), h('input', { type: 'number', min: 0, max: 100, step: 5, value: fu.progress }));
      const note = field(tr('staff.req.note'), h('textarea', { maxlength: 2000, rows: 2 }));
      const add = h('button', { type: 'submit', class: 'button' }, tr('staff.rec.addUpdate'));
      const f = h('form', { class: 'stack' }, h('div', { class: 'row' }, date.wrap, st.wrap, pr.wrap), note.wrap, add);
      f.addEventListener('submit', (e) => {
        e.preventDefault();
        const n = (note.input as HTMLTextAreaElement).value.trim();
        if (!n) return note.setError(tr('common.required'));
        note.setError(null);
        void busy(add, async () => {
          const res = await api(`/staff/records/followups/${fu.id}/updates`, {
            body: { date: (date.input as HTMLInputElement).value, status: (st.input as HTMLSelectElement).value, progress: Number((pr.input as HTMLInputElement).value), note: n },
          });
          if (!res.ok) return say(msg, 'error', errorText(res));
          await open(rec.id);
        });
      });
      box.append(
        h(
          'details',
          {},
          h('summary', {}, `${fu.title} · ${label(locale(), 'followupStatus', fu.status)} ${fu.progress}% · ${tr('staff.rec.due', { date: fmtDate(fu.dueDate) })}`),
          h('ol', { class: 'timeline' }, fu.updates.map((u) => h('li', {}, `${fmtDate(u.date)} · ${label(locale(), 'followupStatus', u.status)} ${u.progress}% — ${u.note}`))),
          f,
        ),
      );
    }
    // A new follow-up item
    const title = field(tr('staff.rec.followupTitle'), h('input', { type: 'text', maxlength: 200 }));
    const resp = field(tr('staff.rec.responsible'), select(options?.organizations ?? [], null, tr('req.pick')));
    const due = field(tr('staff.rec.dueDate'), h('input', { type: 'date', value: today() }));
    const add = h('button', { type: 'submit', class: 'button' }, tr('staff.rec.addFollowup'));
    const f = h('form', { class: 'stack' }, h('h5', {}, tr('staff.rec.newFollowup')), title.wrap, resp.wrap, due.wrap, add);
    f.addEventListener('submit', (e) => {
      e.preventDefault();
      const t = (title.input as HTMLInputElement).value.trim();
      const r = (resp.input as HTMLSelectElement).value;
      title.setError(t ? null : tr('common.required'));
      resp.setError(r ? null : tr('common.required'));
      if (!t || !r) return;
      void busy(add, async () => {
        const res = await api(`/staff/records/deliberations/${rec.id}/followups`, { body: { title: t, responsibleId: Number(r), dueDate: (due.input as HTMLInputElement).value } });
        if (!res.ok) return say(msg, 'error', errorText(res));
        await open(rec.id);
      });
    });
    box.append(f);
    return box;
  };

  // ---- One control per field ----
  interface Control {
    name: string;
    wrap: HTMLElement;
    focusable: HTMLElement;
    read(): { value?: unknown; error?: string };
    setError(msg: string | null): void;
  }
  const control = (k: string, f: Field, rec: Rec | null, ro: boolean): Control => {
    const cur = rec?.[f.name];
    const lab = fl(k, f.name) + ('optional' in f && f.optional ? `（${tr('common.optional')}）` : '');
    const need = (s: string) => (s ? undefined : tr('common.required'));
    if (f.kind === 'agenda') return agenda(cur as AgendaItem[] | undefined, ro);
    if (f.kind === 'multi') {
      const set = new Set((cur as string[] | undefined) ?? []);
      const legendId = nextId('lg');
      const boxes = codes(f.group).map((c) => {
        const id = nextId('cb');
        return { c, el: h('input', { type: 'checkbox', id, value: c, checked: set.has(c), disabled: ro }), id };
      });
      const err = h('p', { class: 'field-error', hidden: true });
      const wrap = h('fieldset', { 'aria-describedby': legendId }, h('legend', { id: legendId }, lab), boxes.map((b) => h('div', { class: 'choice' }, b.el, h('label', { for: b.id }, label(locale(), f.group, b.c)))), err);
      return {
        name: f.name,
        wrap,
        focusable: boxes[0]!.el,
        read: () => {
          const v = boxes.filter((b) => b.el.checked).map((b) => b.c);
          return v.length ? { value: v } : { error: tr('common.required') };
        },
        setError: (m) => {
          err.hidden = !m;
          err.textContent = m ?? '';
        },
      };
    }
    if (f.kind === 'bool') {
      const id = nextId('cb');
      const el = h('input', { type: 'checkbox', id, checked: cur === true, disabled: ro });
      return { name: f.name, wrap: h('div', { class: 'choice' }, el, h('label', { for: id }, lab)), focusable: el, read: () => ({ value: el.checked }), setError: () => {} };
    }
    let el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (f.kind === 'enum') el = select(codes(f.group).map((c) => [c, label(locale(), f.group, c)]), (cur as string) ?? remember.get(`rec-${f.name}`), f.optional ? '—' : tr('req.pick'));
    else if (f.kind === 'ref') {
      const src = f.source === 'published' ? 'deliberations' : f.source;
      el = select(options?.[src] ?? [], cur !== undefined && cur !== null ? String(cur) : f.remember ? remember.get(`rec-${f.name}`) : null, f.optional ? '—' : tr('req.pick'));
    } else if (f.kind === 'textarea') el = h('textarea', { maxlength: f.max, rows: 3 }, (cur as string) ?? '');
    else if (f.kind === 'date') el = h('input', { type: 'date', value: (cur as string) ?? today() });
    else if (f.kind === 'int') el = h('input', { type: 'number', step: 1, min: f.min ?? '', max: f.max ?? '', inputmode: 'numeric', value: cur === null || cur === undefined ? '' : String(cur) });
    else if (f.kind === 'fen') el = h('input', { type: 'text', inputmode: 'decimal', value: typeof cur === 'number' ? (cur / 100).toFixed(2) : '' });
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
  };

  interface AgendaItem {
    title: string;
    description: string;
    decision: string;
    options: Array<{ label: string; votes: number }>;
  }
  /** Agenda items, each with its options and their votes: add and remove rows, no retyping. */
  const agenda = (items: AgendaItem[] | undefined, ro: boolean): Control => {
    const wrap = h('fieldset', { class: 'stack' }, h('legend', {}, tr('staff.rec.f.agendaItems')));
    const list = h('div', { class: 'stack' });
    const err = h('p', { class: 'field-error', hidden: true });
    const addItem = h('button', { type: 'button', class: 'button', hidden: ro }, tr('staff.rec.addItem'));
    wrap.append(list, addItem, err);
    const rows: Array<() => AgendaItem | string> = [];
    const item = (it?: AgendaItem) => {
      const t = field(tr('staff.rec.itemTitle'), h('input', { type: 'text', maxlength: 200, value: it?.title ?? '', disabled: ro }));
      const d = field(tr('staff.rec.itemDesc'), h('textarea', { maxlength: 5000, rows: 2, disabled: ro }, it?.description ?? ''));
      const dec = field(tr('staff.rec.decision'), h('textarea', { maxlength: 2000, rows: 2, disabled: ro }, it?.decision ?? ''));
      const opts = h('div', { class: 'stack' });
      const optRows: Array<{ l: HTMLInputElement; v: HTMLInputElement }> = [];
      const addOpt = (o?: { label: string; votes: number }) => {
        const l = h('input', { type: 'text', maxlength: 200, value: o?.label ?? '', disabled: ro });
        const v = h('input', { type: 'number', min: 0, step: 1, value: o?.votes ?? 0, disabled: ro });
        optRows.push({ l, v });
        opts.append(h('div', { class: 'row' }, field(tr('staff.rec.option'), l).wrap, field(tr('staff.rec.votes'), v).wrap));
      };
      (it?.options ?? []).forEach(addOpt);
      const addOptBtn = h('button', { type: 'button', class: 'button', hidden: ro, onclick: () => addOpt() }, tr('staff.rec.addOption'));
      const box = h('div', { class: 'repeat' }, h('strong', {}, tr('staff.rec.item', { n: rows.length + 1 })), t.wrap, d.wrap, opts, addOptBtn, dec.wrap);
      const remove = h('button', { type: 'button', class: 'button danger', hidden: ro }, tr('staff.rec.removeItem'));
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
        return { title, description, decision, options: optRows.filter((o) => o.l.value.trim()).map((o) => ({ label: o.l.value.trim(), votes: Number(o.v.value) || 0 })) };
      });
      if (!it) addOpt();
    };
    (items && items.length ? items : [undefined]).forEach((i) => item(i));
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
      setError: (m) => {
        err.hidden = !m;
        err.textContent = m ?? '';
      },
    };
  };

  const show = (f: Field, v: unknown): string => {
    if (v === undefined || v === null || v === '') return '—';
    if (f.kind === 'enum') return label(locale(), f.group, String(v));
    if (f.kind === 'multi') return (v as string[]).map((c) => label(locale(), f.group, c)).join('、');
    if (f.kind === 'fen') return fmtYuan(Number(v));
    if (f.kind === 'bool') return v ? tr('common.yes') : tr('common.no');
    if (f.kind === 'ref') {
      const src = f.source === 'published' ? 'deliberations' : f.source;
      return options?.[src].find(([id]) => id === String(v))?.[1] ?? `#${v}`;
    }
    if (f.kind === 'agenda')
      return (v as AgendaItem[]).map((a, i) => `${i + 1}. ${a.title}：${a.options.map((o) => `${o.label} ${o.votes}`).join('，')} → ${a.decision}`).join('\n');
    if (f.kind === 'date') return fmtDate(String(v));
    return String(v);
  };

  void loadOptions();
  void loadList();

}

const badge = (status: string) => h('span', { class: `badge ${status}` }, status === 'draft' ? tr('staff.rec.draft') : tr('staff.rec.published'));
