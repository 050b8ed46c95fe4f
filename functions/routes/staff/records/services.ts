import { z } from '@hono/zod-openapi';
import { serviceAudiences, serviceCategories, serviceCosts } from '../../../../db/schema';
import {
  createService,
  findService,
  listServices,
  publishService,
  updateService,
} from '../../../domain/records/services';
import { versionedRecordRoutes } from './crud';
import {
  Body,
  English,
  EnglishOut,
  ListQuery,
  LongText,
  OptionalText,
  Publication,
  QueryId,
  RefId,
  revisionOf,
  Text,
} from './schemas';

const ServiceBody = Body({
  ...English,
  category: z.enum(serviceCategories),
  title: Text(100),
  description: LongText(2000),
  providerId: RefId.openapi({ description: 'The organisation that provides it' }),
  audiences: z
    .array(z.enum(serviceAudiences))
    .min(1, '至少选择一个服务对象')
    .max(serviceAudiences.length),
  schedule: Text(100).openapi({
    description: 'When, in words: 每月 9 日上午, 每周三下午, 预约',
    example: '每月 9 日上午',
  }),
  monthlyDay: z
    .number()
    .int()
    .min(1)
    .max(31)
    .nullable()
    .optional()
    .openapi({ description: 'Day of month of a monthly service (9 = the volunteer day)' }),
  place: Text(100),
  cost: z.enum(serviceCosts),
  costNote: OptionalText(200),
  howToAsk: LongText(500),
  deliberationId: RefId.nullable()
    .optional()
    .openapi({ description: 'The deliberation that created this service' }),
});

export const ServiceSchema = z
  .object({
    id: z.number().int(),
    category: z.enum(serviceCategories),
    title: z.string(),
    description: z.string(),
    providerId: z.number().int(),
    audiences: z.array(z.enum(serviceAudiences)),
    schedule: z.string(),
    monthlyDay: z.number().int().nullable(),
    place: z.string(),
    cost: z.enum(serviceCosts),
    costNote: z.string().nullable(),
    howToAsk: z.string(),
    deliberationId: z.number().int().nullable(),
    ...EnglishOut,
    ...Publication,
  })
  .openapi('StaffService');

/** 服务清单: what is offered, by whom, for whom, when, and how to ask for it. */
export const serviceRoutes = versionedRecordRoutes({
  path: '/services',
  tag: 'records',
  noun: 'service',
  versioned: { entity: 'service', label: '服务' },
  schema: ServiceSchema,
  create: { body: ServiceBody.openapi('ServiceInput'), run: createService },
  update: { body: revisionOf(ServiceBody).openapi('ServicePatch'), run: updateService },
  find: findService,
  list: { query: ListQuery.extend({ providerId: QueryId('providerId') }), run: listServices },
  publish: { run: publishService },
});
