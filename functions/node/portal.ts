import type { Database, DatabaseConfig } from '../../db/client';
import { createApp } from '../app';
import { storedSiteUrl } from '../domain/community/settings';
import { jobRunners } from '../domain/jobs/runners';
import { startCheckpointer } from './checkpointer';
import { nodeClientAddress } from './client-address';
import { databaseFilePath, projectRoot } from './config';
import { nightlyBackup } from './nightly-backup';
import { SiteRebuilder } from './rebuild';
import { type Scheduler, startScheduler } from './scheduler';
import { PortalServer } from './server';
import { buildSite, latestSite, pruneSites, siteBuiltAt } from './site';
import { SiteState } from './site-state';

export interface PortalOptions {
  /** An open, migrated database holding a community. */
  database: Database;
  config: DatabaseConfig;
  /** Builds go to <sitesDir>/build-<stamp>/ (functions/node/site.ts). */
  sitesDir: string;
  /** Which origin the site is built for, given the stored site URL and the port served. */
  siteOrigin: (stored: string | undefined, port: number) => string;
  trustProxy: boolean;
  /** Skip the previous start's site (a fresh start serves nothing until the new build). */
  fresh?: boolean;
  /** Runs a site build; a deployment serving many communities passes one queue, so builds never overlap. */
  runBuild?: <T>(build: () => Promise<T>) => Promise<T>;
  /** Put before every log line (the host, when several communities share the process). */
  label?: string;
}

/**
 * One community served by the Node shell: its API (createApp on its own database), its site
 * folder, rebuilt after each publish, its checkpointer and its scheduled jobs. `npm start` runs one;
 * with LINLI_COMMUNITIES it runs one per registered host (functions/node/hosts.ts).
 */
export class Portal {
  readonly server: PortalServer;
  private readonly rebuilder: SiteRebuilder;
  private readonly siteState: SiteState;
  private readonly checkpointer;
  private scheduler: Scheduler | undefined;
  private listening = 0;

  constructor(private readonly o: PortalOptions) {
    const { database, config } = o;
    const label = o.label ? `[${o.label}] ` : '';
    this.checkpointer = startCheckpointer(database, config.url);
    // Rebuild the public site from the current database, then switch to it: once at start, and
    // again (debounced, one build at a time) after every publish. Each build reads the stored site
    // URL afresh, so a change made in the console applies from the next build.
    this.rebuilder = new SiteRebuilder(
      async () => {
        const t = performance.now();
        this.siteState.building();
        const siteUrl = o.siteOrigin(await storedSiteUrl(database.read), this.listening);
        const build = () =>
          buildSite({
            projectRoot,
            sitesDir: o.sitesDir,
            env: {
              DATABASE_URL: config.url,
              DATABASE_AUTH_TOKEN: config.authToken,
              LINLI_SITE_URL: siteUrl,
            },
          });
        const site = await (o.runBuild ? o.runBuild(build) : build());
        this.server.useSite(site);
        this.siteState.built(new Date());
        pruneSites(o.sitesDir, site);
        console.log(
          `${label}网站已生成 (site built, ${siteUrl}) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
        );
      },
      {
        delayMs: 2000,
        onError: (error) => {
          this.siteState.failed(new Date(), error);
          console.error(label + (error instanceof Error ? error.message : String(error)));
        },
      },
    );
    const previous = o.fresh ? undefined : latestSite(o.sitesDir);
    this.siteState = new SiteState(
      previous ? (siteBuiltAt(previous)?.toISOString() ?? null) : null,
    );
    this.server = new PortalServer(
      createApp({
        database,
        trustProxy: o.trustProxy,
        onPublish: () => this.rebuilder.request(),
        siteStatus: () => this.siteState.status(),
        clientAddress: nodeClientAddress(o.trustProxy),
      }),
      () => this.siteState.status(),
    );
    if (previous) this.server.useSite(previous);
  }

  /**
   * Once the port is known: build the site now, then start the scheduled jobs (expiry, the nightly
   * backup, the ledger check; functions/domain/jobs), catching up what is due.
   */
  async begin(port: number): Promise<void> {
    const label = this.o.label ? `[${this.o.label}] ` : '';
    this.listening = port;
    this.rebuilder.request(0);
    await this.rebuilder.idle();
    this.scheduler = startScheduler({
      database: this.o.database,
      runners: jobRunners(nightlyBackup(databaseFilePath(this.o.config.url))),
      onRun: (r) =>
        console.log(
          `${label}定时任务 (job) ${r.job} ${r.period}: ${r.status} ${JSON.stringify(r.detail)}`,
        ),
      onError: (error) =>
        console.error(
          `${label}定时任务出错 (scheduler error):`,
          error instanceof Error ? error.message : error,
        ),
    });
  }

  async stop(): Promise<void> {
    await this.scheduler?.stop();
    this.rebuilder.stop();
    await this.checkpointer.stop();
    this.o.database.close();
  }
}
