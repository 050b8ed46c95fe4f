import type { ResidentDetails } from '../../../functions/domain/people/register';
import { linli, request, serverNow } from '../api';
import { focusOn, h, nextId, replace } from '../dom';
import { fmtDateTimeFull, fmtNum, fmtSigned, tr } from '../i18n';
import { type Entry, itemText, kindWord, partyText } from '../statement';
import { failBlock } from '../ui';

/**
 * The statement staff print at the service station for a card holder (who has no phone to read it
 * on): the last 20 entries on one page, A4 or an 80 mm receipt. A view over the whole console
 * (the rest of the page hidden on screen and on paper) rather than a page of its own, so it needs
 * no sign-in of its own and goes back to the same resident.
 */
const LINES = 20;

type Statement = { community: string; balance: number; items: Entry[] };
type Paper = 'a4' | 'receipt';

/**
 * @page cannot be switched by a class: the chosen paper's rule is the one rule of a constructed
 * stylesheet (a <style> element written by a script is inline style, which the CSP refuses).
 * CSS has no "auto" page height (`size: 80mm auto` is dropped as invalid): the receipt is 80 mm
 * wide and an A4 length long, and a receipt printer cuts where the content ends.
 */
const PAGE_RULE: Record<Paper, string> = {
  a4: '@page { size: A4 portrait; margin: 12mm; }',
  receipt: '@page { size: 80mm 297mm; margin: 3mm; }',
};

export async function openPrintStatement(d: ResidentDetails, opener: HTMLElement): Promise<void> {
  closePrintStatement();
  const view = h('section', {
    class: 'print-view',
    'data-print-view': '',
    'aria-label': tr('print.title'),
  });
  const pageRule = new CSSStyleSheet();
  pageRule.replaceSync(PAGE_RULE.a4);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageRule];
  pageSheet = pageRule;
  document.body.append(view);
  document.body.classList.add('printing');
  const close = () => {
    closePrintStatement();
    focusOn(opener);
  };
  const back = h(
    'button',
    { type: 'button', class: 'button', 'data-print-back': '' },
    tr('print.back'),
  );
  back.addEventListener('click', close);
  view.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });
  const status = h('p', { class: 'meta no-print', role: 'status' }, tr('common.loading'));
  replace(view, h('div', { class: 'print-tools no-print' }, back), status);
  focusOn(back);

  const res = await request(
    linli.staff.residents[':id'].entries.$get({
      param: { id: String(d.id) },
      query: { limit: String(LINES) },
    }),
  );
  if (!view.isConnected) return;
  if (!res.ok)
    return replace(
      status,
      failBlock(res, () => void openPrintStatement(d, opener)),
    );
  const at = new Date(serverNow()).toISOString();
  const sheet = printSheet(d, res.data, at);
  const tools = h(
    'div',
    { class: 'print-tools no-print' },
    paperChoice(sheet, pageRule),
    h(
      'button',
      {
        type: 'button',
        class: 'button primary',
        'data-print-go': '',
        onclick: () => window.print(),
      },
      tr('print.print'),
    ),
    back,
  );
  replace(view, tools, sheet);
  focusOn(sheet.querySelector('h1'));
}

let pageSheet: CSSStyleSheet | undefined;

export function closePrintStatement(): void {
  document.querySelector('[data-print-view]')?.remove();
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== pageSheet);
  pageSheet = undefined;
  document.body.classList.remove('printing');
}

function paperChoice(sheet: HTMLElement, pageRule: CSSStyleSheet): HTMLElement {
  const name = nextId('paper');
  const option = (paper: Paper, label: string) => {
    const id = `${name}-${paper}`;
    const radio = h('input', {
      type: 'radio',
      name,
      id,
      value: paper,
      checked: paper === 'a4',
      'data-paper': paper,
    });
    radio.addEventListener('change', () => {
      sheet.classList.toggle('paper-receipt', paper === 'receipt');
      pageRule.replaceSync(PAGE_RULE[paper]);
    });
    return h('div', { class: 'choice' }, radio, h('label', { for: id }, label));
  };
  return h(
    'fieldset',
    { class: 'paper-choice' },
    h('legend', {}, tr('print.paper')),
    option('a4', tr('print.a4')),
    option('receipt', tr('print.receipt')),
  );
}

function printSheet(d: ResidentDetails, s: Statement, at: string): HTMLElement {
  const facts: Array<[string, string]> = [
    [tr('print.resident'), d.fullName],
    [tr('print.card'), d.card?.cardNo ?? tr('print.noCard')],
    [tr('print.balance'), tr('pts.n', { n: fmtNum(s.balance) })],
    [tr('print.printedAt'), fmtDateTimeFull(at)],
  ];
  const cols = [
    tr('life.col.date'),
    tr('life.col.kind'),
    tr('print.col.party'),
    tr('print.col.item'),
    tr('life.col.points'),
    tr('life.col.after'),
  ];
  const rows = s.items.map((e) =>
    h(
      'tr',
      { 'data-entry': e.id },
      h('td', { class: 'when' }, h('time', { datetime: e.at }, fmtDateTimeFull(e.at))),
      h('td', { class: 'kind' }, kindWord(e.kind)),
      h('td', { class: 'party' }, partyText(e)),
      h('td', { class: 'item' }, e.item ? itemText(e.item) : ''),
      h('td', { class: 'num points' }, tr('pts.signed', { n: fmtSigned(e.points) })),
      h(
        'td',
        { class: 'num after' },
        h('span', { class: 'receipt-only' }, `${tr('life.col.after')} `),
        fmtNum(e.balanceAfter),
      ),
    ),
  );
  return h(
    'article',
    { class: 'print-sheet', 'data-print-sheet': '' },
    h('h1', { tabindex: '-1' }, s.community, ' · ', tr('print.title')),
    h(
      'dl',
      { class: 'print-facts' },
      facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
    ),
    h(
      'table',
      {},
      h('caption', {}, tr('print.lines', { n: s.items.length })),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          cols.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}
