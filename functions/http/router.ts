import { OpenAPIHono } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';
import { ApiError } from './errors';

/** Every router is made here, so every one answers invalid input the same way: 400 invalid_request. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = result.error.issues.map((i) =>
        i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message,
      );
      return c.json(
        { error: { code: 'invalid_request', message: `请求无效：${issues.join('；')}` } },
        400,
      );
    },
  });
}

/**
 * For writes that take no parameters: no body, or an empty JSON object. Anything else — malformed
 * JSON, any field — is 400 invalid_request like every other write, and the write does not happen.
 */
export const noBody = createMiddleware<AppEnv>(async (c, next) => {
  const text = (await c.req.text()).trim();
  if (text !== '') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError('invalid_request', '请求无效：请求体不是合法的 JSON');
    }
    if (
      value === null ||
      typeof value !== 'object' ||
      Array.isArray(value) ||
      Object.keys(value).length > 0
    ) {
      throw new ApiError('invalid_request', '请求无效：此接口不接受任何参数');
    }
  }
  await next();
});
