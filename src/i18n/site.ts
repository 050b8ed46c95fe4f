/**
 * Interface strings of the public pages (home, services, deliberations, charity, merchants,
 * organisations, volunteers, verify, notices). Merged into `ui` in ui.ts; Chinese first. The
 * strings live by area in site-*.ts as [zh-CN, English] pairs, so every key has both languages.
 */
import { column, mergePairs } from './pairs';
import { commonSitePairs } from './site-common';
import { homeSitePairs } from './site-home';
import { servicesSitePairs } from './site-services';
import { deliberationsSitePairs } from './site-deliberations';
import { charitySitePairs } from './site-charity';
import { merchantsSitePairs } from './site-merchants';
import { organizationsSitePairs } from './site-organizations';
import { volunteersSitePairs } from './site-volunteers';
import { verifySitePairs } from './site-verify';
import { chainSitePairs } from './site-chain';
import { versionsSitePairs } from './site-versions';
import { moneyVersionsSitePairs } from './site-money-versions';
import { metaSitePairs } from './site-meta';
import { activitiesSitePairs } from './site-activities';

const pairs = mergePairs(
  commonSitePairs,
  homeSitePairs,
  servicesSitePairs,
  deliberationsSitePairs,
  charitySitePairs,
  merchantsSitePairs,
  organizationsSitePairs,
  volunteersSitePairs,
  verifySitePairs,
  chainSitePairs,
  versionsSitePairs,
  moneyVersionsSitePairs,
  metaSitePairs,
  activitiesSitePairs,
);

export const siteZh = column(pairs, 0);

export const siteEn: Record<keyof typeof siteZh, string> = column(pairs, 1);
