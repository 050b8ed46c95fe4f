/**
 * Interface strings of the public pages (the frame of every page, home, services, deliberations,
 * charity, merchants, organisations, volunteers, verify, notices). Joined with the signed-in pages'
 * strings into the one table in ui.ts. The strings live by area in site-*.ts as [zh-CN, English]
 * pairs, so every key has both languages.
 */
import { mergePairs } from './pairs';
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

export const sitePairs = mergePairs(
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
