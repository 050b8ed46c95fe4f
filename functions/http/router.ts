import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context';

/** Every router is made here, so every one answers invalid input the same way: 400 invalid_request. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
      return c.json({ error: { code: 'invalid_request', message: `请求无效：${issues.join('；')}` } }, 400);
    },
  });
}
