import { type ApiResult, linli, request } from '../api';
import { field, h } from '../dom';
import { errorText, tr } from '../i18n';
import { busy, msgBox, say } from '../ui';
import type { Rec } from './records-specs';

/**
 * Below an expense: its receipt scans (uploaded while a draft) and the second staff member's
 * approval. `reload` shows the expense afresh once either went through.
 */
export function expenseExtras(rec: Rec, reload: () => void): HTMLElement {
  // Errors show here, next to the buttons that caused them.
  const msg = msgBox();
  const box = h('div', { class: 'stack' });
  /** Runs `send` on a click (null: nothing was sent, the reason is already shown) and reloads on success. */
  const action = (button: HTMLButtonElement, send: () => Promise<ApiResult<unknown> | null>) =>
    button.addEventListener('click', () =>
      busy(button, async () => {
        const res = await send();
        if (!res) return;
        if (!res.ok) return say(msg, 'error', errorText(res));
        reload();
      }),
    );
  const receipts = (rec.receipts as Array<{ id: number; filename: string; size: number }>) ?? [];
  box.append(
    h('h4', {}, tr('staff.rec.receipts')),
    receipts.length
      ? h(
          'ul',
          {},
          receipts.map((r) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href: `/api/staff/records/expenses/${rec.id}/receipts/${r.id}`,
                  target: '_blank',
                  rel: 'noopener',
                },
                r.filename,
              ),
              ` (${Math.ceil(r.size / 1024)} KB)`,
            ),
          ),
        )
      : h('p', { class: 'meta' }, tr('staff.rec.noReceipts')),
  );
  if (rec.status === 'draft') {
    const file = h('input', { type: 'file', accept: 'image/png,image/jpeg,application/pdf' });
    const f = field(tr('staff.rec.upload'), file, { hint: tr('staff.rec.uploadHint') });
    const up = h('button', { type: 'button', class: 'button' }, tr('staff.rec.uploadGo'));
    action(up, async () => {
      const chosen = file.files?.[0];
      if (!chosen) {
        f.setError(tr('staff.imp.noFile'));
        return null;
      }
      f.setError(null);
      const form = new FormData();
      form.append('file', chosen);
      return request(
        (o) =>
          linli.staff.records.expenses[':id'].receipts.$post(
            { param: { id: String(rec.id) }, query: {} },
            o,
          ),
        { raw: form },
      );
    });
    box.append(f.wrap, up);
    if (receipts.length === 0 && !rec.noReceiptReason)
      box.append(h('p', { class: 'hint' }, tr('staff.rec.receiptRule')));
    if (!rec.approvedBy) {
      const approve = h('button', { type: 'button', class: 'button' }, tr('staff.rec.approve'));
      action(approve, () =>
        request(
          linli.staff.records.expenses[':id'].approve.$post({ param: { id: String(rec.id) } }),
        ),
      );
      box.append(h('p', { class: 'hint' }, tr('staff.rec.approveHint')), approve);
    } else
      box.append(
        h('p', { class: 'msg msg-ok' }, tr('staff.rec.approved', { id: String(rec.approvedBy) })),
      );
  }
  box.append(msg);
  return box;
}
