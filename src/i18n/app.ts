/**
 * Strings of the signed-in pages (/me/, /counter/, /staff/), Chinese first. The pages render the
 * static parts with at(); the client scripts read the same table from a JSON block with tr().
 * The strings live by area in app-*.ts as [zh-CN, English] pairs, so every key has both languages.
 */
import type { Locale } from './ui';
import { column, mergePairs } from './pairs';
import { fill, type Vars } from './translate';
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

const pairs = mergePairs(commonPairs, signinPairs, residentPairs, activityPairs, requestPairs, counterPairs, staffPairs, jobPairs, residentLifePairs, accountPairs, setupPairs, consoleLabelPairs, settingsPairs, cataloguePairs, statementPairs, moneyPairs, revisionPairs, chainPairs);






export type AppKey = keyof typeof pairs;

export const appStrings: Record<Locale, Record<AppKey, string>> = { 'zh-cn': column(pairs, 0), en: column(pairs, 1) };

export function at(locale: Locale, key: AppKey, vars: Vars = {}): string {
  return fill(appStrings[locale][key] ?? appStrings['zh-cn'][key], vars);
}
