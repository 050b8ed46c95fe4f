import { createRoute, z } from '@hono/zod-openapi';
import { readSettings, SETTING_LIMITS, updateSettings } from '../../domain/community/configure';
import { parseSiteOrigin } from '../../domain/community/site-origin';
import { errorResponses } from '../../http/errors';
import { actorOf, Text } from '../../http/params';
import { newRouter } from '../../http/router';
import { json, jsonBody, signedIn } from '../../http/schemas';

export const SettingsSchema = z
  .object({
    communityName: z.string(),
    siteUrl: z.string().nullable().openapi({
      description: 'The public site origin; null until set (LINLI_SITE_URL overrides it)',
    }),
    perAwardThreshold: z
      .number()
      .int()
      .openapi({ description: 'An award of more points than this waits for an accountant' }),
    perBatchThreshold: z
      .number()
      .int()
      .openapi({ description: 'A batch of more points in all than this waits for an accountant' }),
    expiryYears: z.number().int().openapi({
      description: 'Points lapse at the end of this many calendar years after the year earned',
    }),
    expiryNoticeDays: z
      .number()
      .int()
      .openapi({ description: "Days of warning on the resident's phone before points lapse" }),
    backupKeep: z.number().int().openapi({ description: 'Nightly backups kept' }),
  })
  .openapi('CommunitySettings');

const int = (limits: { min: number; max: number }) =>
  z.number().int().min(limits.min).max(limits.max);

const SettingsPatch = z
  .strictObject({
    communityName: Text(100).optional(),
    siteUrl: z
      .string()
      .max(200)
      .refine(
        (s) => parseSiteOrigin(s) !== undefined,
        '网站地址须为 http(s):// 开头的站点地址（如 https://linli.example.org），不含路径',
      )
      .optional(),
    perAwardThreshold: int(SETTING_LIMITS.threshold).optional(),
    perBatchThreshold: int(SETTING_LIMITS.threshold).optional(),
    expiryYears: int(SETTING_LIMITS.expiryYears).optional(),
    expiryNoticeDays: int(SETTING_LIMITS.expiryNoticeDays).optional(),
    backupKeep: int(SETTING_LIMITS.backupKeep).optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), '至少修改一项设置')
  .openapi('CommunitySettingsPatch');

/**
 * The community's settings (/api/admin/settings): its name, the public site's address, the
 * two-person thresholds, the expiry policy and how many backups are kept. Admin only (the role
 * check is app.ts's); every change is audited with its before and after.
 */
export const settings = newRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/settings',
      tags: ['admin'],
      security: signedIn,
      summary: "The community's settings, defaults applied",
      responses: {
        200: json(SettingsSchema, 'Settings'),
        ...errorResponses('unauthorized', 'forbidden', 'password_change_required'),
      },
    }),
    async (c) => c.json(await readSettings(c.get('deps').database.read), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/settings',
      tags: ['admin'],
      security: signedIn,
      summary:
        'Change some settings; applies to new work from now on; audited with before and after',
      request: { body: jsonBody(SettingsPatch) },
      responses: {
        200: json(SettingsSchema, 'The settings after the change'),
        ...errorResponses(
          'invalid_request',
          'unauthorized',
          'forbidden',
          'password_change_required',
        ),
      },
    }),
    async (c) => {
      const patch = c.req.valid('json');
      const actor = actorOf(c);
      return c.json(
        await c.get('deps').database.write((tx) => updateSettings(tx, actor, patch)),
        200,
      );
    },
  );
