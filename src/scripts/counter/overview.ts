import { linli, type OkOf, request } from '../api';
import { $, h, replace } from '../dom';
import { fmtDateTime, fmtNum, isEn, tr } from '../i18n';
import { shopEditForm } from '../shop-fields';
import { loadInto, say } from '../ui';

export type Profile = OkOf<typeof linli.counter.profile.$get>;

/** A line of GET /api/counter/redemptions. */
type RedemptionLine = OkOf<typeof linli.counter.redemptions.$get>['items'][number];

/** "豆浆 × 2（每件 10 分）": what a line bought and its price. */
function itemWords(item: NonNullable<RedemptionLine['item']>): string {
  const q = item.quantity ?? 1;
  return item.unitPoints === undefined
    ? `${item.name} × ${q}`
    : tr('counter.lineItem', { item: item.name, q, n: fmtNum(item.unitPoints) });
}

/** Today's and this month's totals, and the latest redemptions and reversals. */
export async function loadTotals(): Promise<void> {
  const box = $('[data-totals]');
  await loadInto(
    box,
    () => request(linli.counter.totals.$get()),
    ({ today, month }) => {
      const fig = (title: string, t: typeof today | typeof month) =>
        h(
          'li',
          {},
          h('span', {}, title),
          h('strong', {}, tr('pts.n', { n: fmtNum(t.netPoints) })),
          h(
            'span',
            { class: 'meta' },
            tr('counter.count', { n: fmtNum(t.redemptions) }),
            t.reversals ? ` · ${tr('counter.reversals', { n: t.reversals })}` : '',
          ),
        );
      box.append(
        h(
          'ul',
          { class: 'figures' },
          fig(tr('counter.today'), today),
          fig(tr('counter.month'), month),
        ),
      );
    },
  );
  const list = $('[data-recent]');
  await loadInto(
    list,
    () => request(linli.counter.redemptions.$get({ query: { limit: '20' } })),
    ({ items: redemptions }) => {
      if (redemptions.length === 0)
        return list.append(h('p', { class: 'meta' }, tr('counter.noneYet')));
      list.append(
        h(
          'ol',
          { class: 'link-list' },
          redemptions.map((r) =>
            h(
              'li',
              {},
              h(
                'strong',
                {},
                r.kind === 'reversal' ? tr('kind.reversal') : tr('kind.redeem'),
                ' ',
                tr('pts.n', { n: fmtNum(Math.abs(r.points)) }),
              ),
              r.item ? h('span', { 'data-line-item': '' }, ` · ${itemWords(r.item)}`) : null,
              h(
                'span',
                { class: 'meta' },
                [fmtDateTime(r.at), `#${r.id}`, r.counterparty?.name, r.memo]
                  .filter(Boolean)
                  .join(' · '),
              ),
            ),
          ),
        ),
      );
    },
  );
}

/** What the public sees of the shop: its offer, its figures and a link to its public page; and the shop's own edit of it. */
export function renderProfile(p: Profile): void {
  const box = $('[data-profile]');
  replace(
    box,
    p.suspended
      ? h('p', { class: 'msg msg-warn', role: 'status' }, tr('counter.profile.suspended'))
      : null,
    h('p', {}, p.offer),
    p.openingHours ? h('p', {}, tr('counter.profile.hours', { hours: p.openingHours })) : null,
    h(
      'ul',
      { class: 'figures' },
      h(
        'li',
        {},
        h('span', {}, tr('counter.pub.redemptions')),
        h('strong', {}, fmtNum(p.redemptions)),
      ),
      h(
        'li',
        {},
        h('span', {}, tr('counter.pub.points')),
        h('strong', {}, fmtNum(p.pointsRedeemed)),
      ),
      h(
        'li',
        {},
        h('span', {}, tr('counter.pub.services')),
        h('strong', {}, fmtNum(p.services.length)),
      ),
      h(
        'li',
        {},
        h('span', {}, tr('counter.pub.donations')),
        h('strong', {}, fmtNum(p.donations.length)),
      ),
    ),
    // The public page in the reader's language (/merchants/#merchant-<id> or /en/merchants/…).
    h(
      'p',
      {},
      h(
        'a',
        {
          class: 'tap',
          href: isEn() && p.url.startsWith('/') ? `/en${p.url}` : p.url,
          'data-public-record': '',
        },
        tr('counter.pub.link'),
      ),
    ),
    profileEditor(p),
  );
}

function profileEditor(p: Profile): HTMLElement {
  const form = shopEditForm(
    p,
    (json) => request(linli.counter.profile.$patch({ json })),
    (changed) => {
      $('[data-shop]').textContent = changed.shopName;
      renderProfile(changed);
      say($('[data-profile] [data-shop-profile] .msg'), 'ok', tr('mer.saved'));
      $<HTMLDetailsElement>('[data-profile] details').open = true;
    },
    { 'data-shop-profile': '' },
  );
  return h('details', {}, h('summary', { class: 'button' }, tr('counter.profile.edit')), form);
}
