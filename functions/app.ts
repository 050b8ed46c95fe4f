import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { DomainError, refusalFacts } from './domain/shared/errors';
import { allow } from './http/auth';
import { bodyLimits } from './http/body-limit';
import type { AppDeps, AppEnv } from './http/context';
import { ApiError, statusOf } from './http/errors';
import { FaultLog, STORAGE_RETRY_AFTER_SECONDS, storageFault } from './http/faults';
import { finishOpenApi } from './http/openapi';
import { sameOrigin } from './http/same-origin';
import { admin } from './routes/admin';
import { auth } from './routes/auth';
import { counter } from './routes/counter';
import { health } from './routes/health';
import { me } from './routes/me';
import { publicApi } from './routes/public';
import { staff } from './routes/staff';

export type { AppDeps } from './http/context';

/**
 * The whole API, runtime-neutral (Web APIs only). The Node server, the Cloudflare Worker and the
 * tests each build it with their own database; everything lives under /api.
 */
export function createApp(deps: AppDeps) {
  const resolved = { ...deps, now: deps.now ?? (() => new Date()) };
  const app = new OpenAPIHono<AppEnv>();

  const faults = deps.faultLog ?? new FaultLog();
  app.use('/api/*', async (c, next) => {
    c.set('deps', resolved);
    await next();
    // A write answered normally while an incident is open: storage works again.
    if (faults.open && c.req.method !== 'GET' && c.res.status < 400) faults.recovered();
  });
  // The instant the API decides by (a code's lifetime): the pages' countdowns read it from the Date
  // header, which the HTTP server sets from the machine's clock. Only a shell that brings its own
  // clock (the tests) needs it replaced; set before the answer exists, so it goes out with it.
  if (deps.now) {
    const now = deps.now;
    app.use('/api/*', async (c, next) => {
      c.header('Date', now().toUTCString());
      await next();
    });
  }

  // Writes made by a page of another origin with the visitor's cookie are refused (CSRF).
  app.use('/api/*', sameOrigin);

  // The role check, once per prefix (what each role may do: functions/domain/people/roles.ts).
  app.use('/api/me/*', allow('me'));
  app.use('/api/counter/*', allow('counter'));
  app.use('/api/staff/*', allow('staff'));
  app.use('/api/admin/*', allow('admin'));
  // Body size, after the role check: only someone with the role reaches a larger limit (./http/body-limit.ts).
  app.use('/api/*', bodyLimits);

  // The URL tree, one router per prefix (functions/routes/<prefix>/index.ts). Chained, so that
  // AppType carries every route for the typed client (hc<AppType>).
  const routes = app
    .route('/api/health', health)
    .route('/api/auth', auth)
    .route('/api/me', me)
    .route('/api/counter', counter)
    .route('/api/staff', staff)
    .route('/api/admin', admin)
    .route('/api/public', publicApi);

  app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'Cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'linli_session',
  });
  // Generated once, on first request: the routes are all mounted by then and never change.
  let openApi: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  app.get('/api/openapi.json', (c) => {
    openApi ??= finishOpenApi(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Linli 邻里 API',
          version: '1.0.0',
          description:
            'Volunteer points bank and community records. Errors are {"error": {"code", "message"}} with a 4xx status.',
        },
      }),
    );
    return c.json(openApi);
  });

  app.notFound((c) => c.json({ error: { code: 'not_found', message: '没有这个接口' } }, 404));

  app.onError((err, c) => {
    if (err instanceof ApiError || err instanceof DomainError) {
      const retry = err instanceof DomainError ? err.details?.retryAfterSeconds : undefined;
      if (typeof retry === 'number') c.header('Retry-After', String(retry));
      if (err instanceof ApiError) for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      const details = err instanceof DomainError ? refusalFacts(err.details) : err.facts;
      return c.json(
        { error: { code: err.code, message: err.message, ...(details ? { details } : {}) } },
        statusOf(err.code),
      );
    }
    if (err instanceof HTTPException && err.status < 500) {
      // Malformed JSON, a body that is not JSON, and the like: the client's mistake.
      const message =
        err.status === 415
          ? '请求体须为 JSON（Content-Type: application/json）'
          : `请求无效：${err.message}`;
      return c.json({ error: { code: 'invalid_request', message } }, 400);
    }
    const fault = storageFault(err);
    if (fault) {
      faults.fault(fault, err);
      c.header('Retry-After', String(STORAGE_RETRY_AFTER_SECONDS));
      return c.json(
        { error: { code: 'storage_unavailable', message: '数据存储暂时不可用，请稍后重试' } },
        503,
      );
    }
    console.error(err);
    return c.json({ error: { code: 'internal', message: '服务器内部错误，请稍后重试' } }, 500);
  });

  return routes;
}

export type App = ReturnType<typeof createApp>;
/** Every route with its input and answer types, for `hc<AppType>` from 'hono/client'. */
export type AppType = App;
