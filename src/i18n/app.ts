/**
 * Strings of the signed-in pages (/me/, /counter/, /staff/), Chinese first, joined with the public
 * pages' strings into the one table in ui.ts. A signed-in page also carries its locale's column of
 * these (appStrings) as a JSON block, which is where t() finds them in the browser
 * (src/scripts/i18n.ts). The strings live by area in app-*.ts as [zh-CN, English] pairs, so every
 * key has both languages.
 */
import type { Locale } from './ui';
import { column, mergePairs } from './pairs';
import { commonPairs } from './app-common';
import { signinPairs } from './app-signin';
import { residentPairs } from './app-resident';
import { activityPairs } from './app-activities';
import { requestPairs } from './app-requests';
import { counterPairs } from './app-counter';
import { staffPairs } from './app-staff';
import { jobPairs } from './app-jobs';
import { residentLifePairs } from './app-residents';
import { accountPairs } from './app-accounts';
import { setupPairs } from './app-setup';
import { consoleLabelPairs } from './app-console-labels';
import { settingsPairs } from './app-settings';
import { cataloguePairs } from './app-catalogue';
import { statementPairs } from './app-statement';
import { moneyPairs } from './app-money';
import { revisionPairs } from './app-revisions';
import { chainPairs } from './app-chain';

export const appPairs = mergePairs(commonPairs, signinPairs, residentPairs, activityPairs, requestPairs, counterPairs, staffPairs, jobPairs, residentLifePairs, accountPairs, setupPairs, consoleLabelPairs, settingsPairs, cataloguePairs, statementPairs, moneyPairs, revisionPairs, chainPairs);

/** The keys a signed-in page's scripts can translate: those its JSON block carries. */
export type AppKey = keyof typeof appPairs;

export const appStrings: Record<Locale, Record<AppKey, string>> = { 'zh-cn': column(appPairs, 0), en: column(appPairs, 1) };
