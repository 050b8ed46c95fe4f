import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { detailPages, fileFor, query, read } from './site';

type Node = {
  nodeName: string;
  tagName?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
  value?: string;
};

function* elements(node: Node): Generator<Node> {
  if (node.tagName) yield node;
  for (const child of node.childNodes ?? []) yield* elements(child);
}
const attr = (node: Node, name: string) => node.attrs?.find((a) => a.name === name)?.value;
const text = (node: Node): string =>
  node.nodeName === '#text' ? (node.value ?? '') : (node.childNodes ?? []).map(text).join('');

/** Each shop's entry on the partners page, by merchant id: its catalogue's lines as text. */
function catalogues(url: string): Map<number, string[]> {
  const shops = new Map<number, string[]>();
  for (const el of elements(parse(read(fileFor(url)!)) as unknown as Node)) {
    const id = /^merchant-(\d+)$/.exec(attr(el, 'id') ?? '')?.[1];
    if (!id) continue;
    const list = [...elements(el)].find((e) => attr(e, 'data-catalogue') !== undefined);
    shops.set(
      Number(id),
      list
        ? [...elements(list)]
            .filter((e) => e.tagName === 'li')
            .map((li) => text(li).replace(/\s+/g, ' ').trim())
        : [],
    );
  }
  return shops;
}

interface ItemRow {
  merchant_id: number;
  name: string;
  points: number;
  description: string | null;
  active: number;
  suspended: number;
}

/** What points buy, in public: the partners page lists each redeeming shop's active items, built from the database. */
describe('the partners page shows each shop’s catalogue', () => {
  const rows = () =>
    query<ItemRow>(
      `select i.merchant_id, i.name, i.points, i.description, i.active, (m.suspended_at is not null or u.disabled_at is not null) as suspended
       from merchant_items i join merchants m on m.user_id = i.merchant_id join users u on u.id = m.user_id order by i.merchant_id, i.points, i.id`,
    );

  for (const [url, unit] of [
    ['/merchants/', '积分'],
    ['/en/merchants/', 'points'],
  ] as const) {
    it(`${url}: every active item of a redeeming shop, with its price and note, cheapest first; nothing else`, async () => {
      const all = await rows();
      const shown = catalogues(url);
      const offered = all.filter((r) => r.active && !r.suspended);
      expect(offered.length).toBeGreaterThan(10);
      expect(all.some((r) => !r.active)).toBe(true);
      for (const id of new Set(all.map((r) => r.merchant_id))) {
        const expected = offered
          .filter((r) => r.merchant_id === id)
          .map((r) =>
            `${r.name} ${r.points} ${unit}${r.description ? ` ${r.description}` : ''}`.replace(
              /\s+/g,
              ' ',
            ),
          );
        expect(shown.get(id), `merchant ${id}`).toEqual(expected);
      }
    });
  }

  it('every service page offers to request it on /me/, with the service chosen — except a withdrawn one', () => {
    for (const locale of ['zh-cn', 'en'] as const) {
      const pages = detailPages('services', locale);
      expect(pages.length).toBeGreaterThan(0);
      let withdrawn = 0;
      for (const file of pages) {
        const id = /services\/(\d+)\//.exec(file)![1];
        const all = [...elements(parse(read(file)) as unknown as Node)];
        const link = all.find((e) => attr(e, 'data-request-service') !== undefined);
        if (all.some((e) => attr(e, 'data-withdrawn') !== undefined)) {
          withdrawn++;
          expect(link, file).toBeUndefined();
          continue;
        }
        expect(link && attr(link, 'href'), file).toBe(
          `${locale === 'en' ? '/en' : ''}/me/?service=${id}#requests`,
        );
        expect(text(link!).trim()).toBe(locale === 'en' ? 'Request this service' : '申请此服务');
      }
      // The demo withdraws one service (db/seed/records-versions.ts): its page is a tombstone.
      expect(withdrawn).toBe(1);
    }
  });
});
