import { linli, request } from '../api';
import { field, h, replace } from '../dom';
import { errorText, tr } from '../i18n';
import { busy } from '../ui';
import { csvUpload, table } from './common';

/** The CSV import routes take the file itself as the raw body (csvUpload), which the typed client's `json` cannot carry: no typed part; request() sends the file. */
const csvFile = {} as never;

/** Importing many residents from a CSV file: check it first (a report per line), then import. */
export function importSection(imp: HTMLElement, imported: () => void): void {
  const file = h('input', { type: 'file', accept: '.csv,text/csv' });
  const ff = field(tr('staff.imp.file'), file, { hint: tr('staff.imp.hint') });
  const check = h('button', { type: 'button', class: 'button' }, tr('staff.imp.check'));
  const doImport = h(
    'button',
    { type: 'button', class: 'button primary', disabled: true },
    tr('staff.imp.go'),
  );
  const report = h('div', { class: 'report', 'aria-live': 'polite' });
  imp.append(
    h('div', { class: 'stack' }, ff.wrap, h('div', { class: 'row' }, check, doImport)),
    report,
  );
  // The file's bytes go to the server as they are: it reads GBK (Excel, WPS) exactly as the CLI does.
  let csv: File | null = null;
  file.addEventListener('change', () => {
    csv = file.files?.[0] ?? null;
    doImport.disabled = true;
    report.replaceChildren();
  });
  check.addEventListener('click', () =>
    busy(check, async () => {
      if (!csv) return ff.setError(tr('staff.imp.noFile'));
      ff.setError(null);
      const res = await request((o) => linli.staff.residents.import.check.$post(csvFile, o), {
        raw: csvUpload(csv),
      });
      if (!res.ok)
        return replace(report, h('p', { class: 'msg msg-error', role: 'alert' }, errorText(res)));
      const { ok, rows, issues } = res.data;
      doImport.disabled = !ok;
      replace(
        report,
        h(
          'p',
          { class: `msg ${ok ? 'msg-ok' : 'msg-error'}`, role: ok ? 'status' : 'alert' },
          ok ? tr('staff.imp.ok', { n: rows }) : tr('staff.imp.bad', { n: issues.length, rows }),
        ),
        issues.length
          ? table(
              [tr('staff.imp.line'), tr('staff.imp.problem')],
              issues.map((i) =>
                h(
                  'tr',
                  {},
                  h('td', { class: 'num' }, i.line),
                  h('td', {}, document.documentElement.lang === 'en' ? i.en : i.message),
                ),
              ),
              tr('staff.imp.report'),
            )
          : null,
      );
    }),
  );
  doImport.addEventListener('click', () =>
    busy(doImport, async () => {
      if (!csv) return ff.setError(tr('staff.imp.noFile'));
      const res = await request((o) => linli.staff.residents.import.$post(csvFile, o), {
        raw: csvUpload(csv),
      });
      if (!res.ok)
        return replace(report, h('p', { class: 'msg msg-error', role: 'alert' }, errorText(res)));
      doImport.disabled = true;
      replace(
        report,
        h(
          'p',
          { class: 'msg msg-ok', role: 'status' },
          tr('staff.imp.done', {
            n: res.data.imported,
            h: res.data.households,
            r: res.data.reusedHouseholds,
            c: res.data.cards,
          }),
        ),
      );
      imported();
    }),
  );
}
