import type { CommunitySettings } from '../../../functions/domain/community/configure';
import { linli, request } from '../api';
import { field, h, replace } from '../dom';
import { errorText, tr } from '../i18n';
import { busy, loadInto, msgBox, say } from '../ui';
import { select } from './common';
import { mountTeams } from './settings-teams';
import { intField, mountTypes } from './settings-types';

/** Community settings (admin): the name, the site address, the two-person thresholds, the expiry policy, backups; then activity types and teams. */
export function mount(root: HTMLElement): void {
  const general = h(
    'section',
    { 'aria-labelledby': 'set-general-h' },
    h('h3', { id: 'set-general-h' }, tr('set.general')),
    h('p', { class: 'hint' }, tr('set.generalHint')),
    h('div'),
  );
  const types = h(
    'section',
    { 'aria-labelledby': 'set-types-h' },
    h('h3', { id: 'set-types-h' }, tr('set.types')),
    h('p', { class: 'hint' }, tr('set.typesHint')),
    h('div'),
  );
  const teams = h(
    'section',
    { 'aria-labelledby': 'set-teams-h' },
    h('h3', { id: 'set-teams-h' }, tr('set.teams')),
    h('div'),
  );
  replace(root, general, types, teams);
  void loadInto(
    general.lastElementChild as HTMLElement,
    () => request(linli.admin.settings.$get()),
    (s) => renderGeneral(general.lastElementChild as HTMLElement, s),
  );
  mountTypes(types.lastElementChild as HTMLElement);
  mountTeams(teams.lastElementChild as HTMLElement);
}

function renderGeneral(box: HTMLElement, s: CommunitySettings): void {
  const msg = msgBox();
  const name = field(
    tr('set.name'),
    h('input', { type: 'text', maxlength: 100, value: s.communityName }),
  );
  const site = field(
    tr('set.siteUrl'),
    h('input', {
      type: 'url',
      inputmode: 'url',
      autocapitalize: 'none',
      maxlength: 200,
      value: s.siteUrl ?? '',
      placeholder: 'https://',
    }),
    { hint: tr('set.siteUrlHint') },
  );
  const perAward = intField(
    tr('set.perAward'),
    s.perAwardThreshold,
    0,
    1_000_000,
    tr('set.perAwardHint'),
  );
  const perBatch = intField(
    tr('set.perBatch'),
    s.perBatchThreshold,
    0,
    1_000_000,
    tr('set.perBatchHint'),
  );
  const years = field(
    tr('set.expiryYears'),
    select(
      Array.from({ length: 10 }, (_, i): [string, string] => [
        String(i + 1),
        tr('set.expiryYearsN', { n: i + 1 }),
      ]),
      String(s.expiryYears),
    ),
  );
  const notice = intField(
    tr('set.noticeDays'),
    s.expiryNoticeDays,
    0,
    365,
    tr('set.noticeDaysHint'),
  );
  const keep = intField(tr('set.backupKeep'), s.backupKeep, 1, 365);
  const save = h('button', { type: 'submit', class: 'button primary' }, tr('common.save'));
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    name.wrap,
    site.wrap,
    h('div', { class: 'row' }, perAward.wrap, perBatch.wrap),
    years.wrap,
    h('div', { class: 'row' }, notice.wrap, keep.wrap),
    save,
    msg,
  );
  box.append(form);
  let current = s;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = (f: { input: HTMLElement }) => (f.input as HTMLInputElement).value.trim();
    name.setError(text(name) ? null : tr('common.required'));
    const url = text(site);
    const urlOk = url === '' || /^https?:\/\/[^/?#\s]+\/?$/i.test(url);
    site.setError(urlOk ? null : tr('set.siteUrlInvalid'));
    const next = {
      perAwardThreshold: perAward.read(),
      perBatchThreshold: perBatch.read(),
      expiryNoticeDays: notice.read(),
      backupKeep: keep.read(),
    };
    if (!text(name) || !urlOk || Object.values(next).some((v) => v === null)) return;
    const wanted: Partial<CommunitySettings> = {
      communityName: text(name),
      expiryYears: Number(text(years)),
      ...(next as Record<keyof typeof next, number>),
    };
    if (url !== '') wanted.siteUrl = url;
    // Only what changed is sent: the audit trail records real changes.
    const patch = Object.fromEntries(
      Object.entries(wanted).filter(
        ([k, v]) =>
          current[k as keyof CommunitySettings] !== v &&
          !(k === 'siteUrl' && current.siteUrl === String(v).replace(/\/$/, '')),
      ),
    );
    if (Object.keys(patch).length === 0) return say(msg, 'info', tr('set.nothingChanged'));
    void busy(save, async () => {
      const res = await request(linli.admin.settings.$patch({ json: patch }));
      if (!res.ok) return say(msg, 'error', errorText(res));
      current = res.data;
      (site.input as HTMLInputElement).value = res.data.siteUrl ?? '';
      say(msg, 'ok', tr('set.saved'));
    });
  });
}
