import type { PublicCatalogueJson } from '../../../functions/routes/public/figures';
import { linli, request } from '../api';
import { h, replace } from '../dom';
import { fmtNum, isEn, tr } from '../i18n';
import { loadInto } from '../ui';

type Shop = PublicCatalogueJson['merchants'][number];

/** The shop's public page in the page's language (the catalogue gives the zh-CN path). */
const shopHref = (shop: Shop) => (isEn() ? `/en${shop.url}` : shop.url);

/**
 * 现在可兑换: the partner shops' items the resident's balance covers now, by shop, each shop
 * linking to its public page. With nothing in reach, how far the cheapest item is. The catalogue
 * is read once; a new balance (after a redemption, a gift) only redraws.
 */
export function mountAffordable(root: HTMLElement): { show(balance: number): void } {
  let shops: Shop[] | null = null;
  let balance = 0;
  const box = h('div');
  replace(root, h('p', { class: 'hint' }, tr('afford.intro')), box);

  const render = () => {
    if (!shops) return;
    const items = shops.flatMap((shop) => shop.items.map((item) => ({ shop, item })));
    if (items.length === 0) return replace(box, h('p', { class: 'meta' }, tr('afford.empty')));
    const inReach = shops
      .map((shop) => ({ shop, items: shop.items.filter((i) => i.points <= balance) }))
      .filter((s) => s.items.length > 0);
    if (inReach.length === 0) {
      const cheapest = items.reduce((a, b) => (b.item.points < a.item.points ? b : a));
      const vars = {
        shop: cheapest.shop.shopName,
        item: cheapest.item.name,
        n: fmtNum(cheapest.item.points),
        short: fmtNum(cheapest.item.points - balance),
      };
      return replace(
        box,
        h(
          'p',
          { 'data-afford-none': '' },
          tr('afford.noneYet', vars),
          ' ',
          h(
            'a',
            { href: shopHref(cheapest.shop) },
            tr('afford.shop', { name: cheapest.shop.shopName }),
          ),
        ),
      );
    }
    const shown = inReach.reduce((n, s) => n + s.items.length, 0);
    replace(
      box,
      h(
        'ul',
        { class: 'cards afford' },
        inReach.map(({ shop, items: mine }) =>
          h(
            'li',
            { class: 'card', 'data-afford-shop': shop.id },
            h('h3', {}, h('a', { href: shopHref(shop) }, shop.shopName)),
            h(
              'ul',
              { class: 'afford-items' },
              mine.map((i) =>
                h(
                  'li',
                  {},
                  h('span', {}, i.name),
                  ' ',
                  h('strong', {}, tr('afford.points', { n: fmtNum(i.points) })),
                ),
              ),
            ),
          ),
        ),
      ),
      shown < items.length
        ? h('p', { class: 'meta' }, tr('afford.more', { n: fmtNum(items.length - shown) }))
        : null,
    );
  };

  void loadInto(
    box,
    () => request(linli.public.catalogue.$get({ query: {} })),
    (data) => {
      shops = data.merchants;
      render();
    },
  );

  return {
    show(next) {
      balance = next;
      render();
    },
  };
}
