/**
 * Interface strings of the public pages (the frame of every page, home, services, deliberations,
 * charity, merchants, organisations, volunteers, verify, notices). Joined with the signed-in pages'
 * strings into the one table in ui.ts. The strings live by area in site-*.ts as [zh-CN, English]
 * pairs, so every key has both languages.
 */
import { mergePairs } from './pairs';
import { activitiesSitePairs } from './site-activities';
import { chainSitePairs } from './site-chain';
import { charitySitePairs } from './site-charity';
import { commonSitePairs } from './site-common';
import { deliberationsSitePairs } from './site-deliberations';
import { homeSitePairs } from './site-home';
import { merchantsSitePairs } from './site-merchants';
import { metaSitePairs } from './site-meta';
import { moneyVersionsSitePairs } from './site-money-versions';
import { organizationsSitePairs } from './site-organizations';
import { servicesSitePairs } from './site-services';
import { verifySitePairs } from './site-verify';
import { versionsSitePairs } from './site-versions';
import { volunteersSitePairs } from './site-volunteers';

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
