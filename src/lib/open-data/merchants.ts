// The merchants collection (一刻钟合伙人商户): /data/merchants.json and .csv.
import type { PublicData } from '../../../functions/domain/publishing';
import { bool, datetime, idField, int, list, moneyFields, str, urlField } from './fields';
import type { Collection } from './model';

type Merchant = PublicData['merchants'][number];

export const merchants: Collection<Merchant> = {
  name: 'merchants',
  title: { zh: '一刻钟合伙人商户', en: '15-minute partner merchants' },
  description: {
    zh: '参与“公益换宣传”的合伙商户：承诺的公益服务、捐赠，以及积分兑换情况。',
    en: 'Merchants in the “charity for publicity” programme: the services they promised, their donations and the points redeemed at their counters.',
  },
  rows: (d) => d.merchants,
  fields: [
    idField('商户', 'merchant'),
    urlField(
      '商户在“一刻钟合伙人”页上的位置。',
      'The merchant’s entry on the partners page.',
      (m) => m.url,
    ),
    int(
      'organizationId',
      '组织编号',
      'Organisation id',
      '商户在组织架构中的编号（见 organizations）；可为空。',
      'The merchant’s organisation (see organizations), if any.',
      (m) => m.organizationId,
      { references: 'organizations' },
    ),
    str('shopName', '店名', 'Shop name', '店铺名称。', 'Name of the shop.', (m) => m.shopName, {
      required: true,
    }),
    str('category', '行业', 'Trade', '经营类别。', 'What the shop does.', (m) => m.category, {
      required: true,
    }),
    str(
      'address',
      '店铺地址',
      'Shop address',
      '店铺的营业地址（公开的商户地址，不是居民住址）。',
      'The shop’s public business address (never a resident’s).',
      (m) => m.address,
      { required: true },
    ),
    str(
      'openingHours',
      '营业时间',
      'Opening hours',
      '商户自己写明的营业时间；未写明时为空。',
      'Opening hours as the shop states them; empty when it has not said.',
      (m) => m.openingHours,
    ),
    bool(
      'suspended',
      '暂停兑换',
      'Suspended',
      '社区暂停了本店的积分兑换（原因不公开）。',
      'The community has paused points redemption at this shop (the reason is not published).',
      (m) => m.suspended,
      { required: true },
    ),
    str(
      'offer',
      '公益承诺',
      'Offer',
      '商户承诺提供的公益服务或积分兑换。',
      'What the merchant offers the community.',
      (m) => m.offer,
      { required: true },
    ),
    datetime(
      'joinedAt',
      '加入时间',
      'Joined at',
      '加入合伙人计划的时间。',
      'When it joined the programme.',
      (m) => m.joinedAt,
      { required: true },
    ),
    list(
      'serviceIds',
      '提供的服务编号',
      'Service ids',
      '商户提供的服务（见 services）。',
      'Services it provides (see services).',
      (m) => m.services.map((s) => s.id),
      { itemType: 'integer' },
    ),
    list(
      'donationIds',
      '捐赠编号',
      'Donation ids',
      '商户的捐赠（见 donations）。',
      'Its donations (see donations).',
      (m) => m.donations.map((d) => d.id),
      { itemType: 'integer' },
    ),
    ...moneyFields<Merchant>(
      'donated',
      '捐赠合计',
      'Donated',
      '捐赠合计（资金加物资估值）',
      'Total donated (money plus in-kind valuation)',
      (m) => m.donatedFen,
    ),
    int(
      'redemptions',
      '兑换次数',
      'Redemptions',
      '居民在本店兑换积分的次数。',
      'Times residents redeemed points here.',
      (m) => m.redemptions,
      { unit: 'count', required: true, minimum: 0 },
    ),
    int(
      'pointsRedeemed',
      '兑换积分',
      'Points redeemed',
      '居民在本店兑换的积分合计。',
      'Points residents redeemed here.',
      (m) => m.pointsRedeemed,
      { unit: 'points', required: true, minimum: 0 },
    ),
  ],
};
