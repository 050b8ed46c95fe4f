/**
 * Strings of the signed-in pages (/me/, /counter/, /staff/), Chinese first, joined with the public
 * pages' strings into the one table in ui.ts. A signed-in page also carries its locale's column of
 * these (appStrings) as a JSON block, which is where t() finds them in the browser
 * (src/scripts/i18n.ts). The strings live by area in app-*.ts as [zh-CN, English] pairs, so every
 * key has both languages.
 */

import { accountPairs } from './app-accounts';
import { activityPairs } from './app-activities';
import { cataloguePairs } from './app-catalogue';
import { chainPairs } from './app-chain';
import { commonPairs } from './app-common';
import { consoleLabelPairs } from './app-console-labels';
import { counterPairs } from './app-counter';
import { jobPairs } from './app-jobs';
import { moneyPairs } from './app-money';
import { requestPairs } from './app-requests';
import { residentPairs } from './app-resident';
import { residentLifePairs } from './app-residents';
import { revisionPairs } from './app-revisions';
import { settingsPairs } from './app-settings';
import { setupPairs } from './app-setup';
import { signinPairs } from './app-signin';
import { staffPairs } from './app-staff';
import { statementPairs } from './app-statement';
import { column, mergePairs } from './pairs';
import type { Locale } from './ui';

export const appPairs = mergePairs(
  commonPairs,
  signinPairs,
  residentPairs,
  activityPairs,
  requestPairs,
  counterPairs,
  staffPairs,
  jobPairs,
  residentLifePairs,
  accountPairs,
  setupPairs,
  consoleLabelPairs,
  settingsPairs,
  cataloguePairs,
  statementPairs,
  moneyPairs,
  revisionPairs,
  chainPairs,
);

/** The keys a signed-in page's scripts can translate: those its JSON block carries. */
export type AppKey = keyof typeof appPairs;

export const appStrings: Record<Locale, Record<AppKey, string>> = {
  'zh-cn': column(appPairs, 0),
  en: column(appPairs, 1),
};
