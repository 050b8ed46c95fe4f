// The items collection (积分超市): /data/items.json and .csv, what points buy at each partner merchant.
import type { PublicData } from '../../../functions/domain/publishing';
import { idField, int, str, urlField } from './fields';
import type { Collection } from './model';

type Item = PublicData['catalogue'][number]['items'][number] & {
  shopId: number;
  shopName: string;
  shopUrl: string;
};

export const items: Collection<Item> = {
  name: 'items',
  title: { zh: '积分可兑换的商品和服务', en: 'What points buy' },
  description: {
    zh: '合伙商户今天可用积分兑换的商品和服务（暂停兑换的商户不列出），由商户自己公布。',
    en: 'The goods and services partner merchants offer for points today (shops whose redemption is paused are left out), as the merchants publish them.',
  },
  rows: (d) =>
    d.catalogue.flatMap((shop) =>
      shop.items.map((item) => ({
        ...item,
        shopId: shop.id,
        shopName: shop.shopName,
        shopUrl: shop.url,
      })),
    ),
  fields: [
    idField('商品', 'item'),
    urlField(
      '商户在“一刻钟合伙人”页上的位置。',
      'The merchant’s entry on the partners page.',
      (x) => x.shopUrl,
    ),
    int(
      'merchantId',
      '商户编号',
      'Merchant id',
      '提供的商户（见 merchants）。',
      'The merchant offering it (see merchants).',
      (x) => x.shopId,
      { required: true, references: 'merchants' },
    ),
    str('shopName', '店名', 'Shop name', '商户店名。', 'Name of the shop.', (x) => x.shopName, {
      required: true,
    }),
    str('name', '名称', 'Name', '商品或服务名称。', 'Name of the item.', (x) => x.name, {
      required: true,
    }),
    int(
      'points',
      '所需积分',
      'Points',
      '兑换一次所需的积分。',
      'Points one redemption costs.',
      (x) => x.points,
      { unit: 'points', required: true, minimum: 1 },
    ),
    str(
      'description',
      '说明',
      'Description',
      '商户写的说明；可为空。',
      'The merchant’s description; may be empty.',
      (x) => x.description,
    ),
  ],
};
