import type { JobsJson } from '../../../functions/routes/staff/jobs';
import { linli, request } from '../api';
import { append, h } from '../dom';
import { fmtDateTime, fmtNum, tr } from '../i18n';
import { busy, loadInto } from '../ui';
import { table } from './common';

type JobState = JobsJson['jobs'][number];
type Run = NonNullable<JobState['lastRun']>;

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** What the run did, in words (and a sign, never colour alone). */
function resultOf(job: JobState['job'], run: Run): string {
  const d = run.detail;
  if (run.status === 'running') return tr('staff.jobs.running');
  if (typeof d.error === 'string') return tr('staff.jobs.failed', { message: d.error });
  if (job === 'expiry')
    return num(d.entries) > 0
      ? tr('staff.jobs.expired', { n: fmtNum(num(d.points)), entries: fmtNum(num(d.entries)) })
      : tr('staff.jobs.expiredNone');
  if (job === 'backup')
    return typeof d.skipped === 'string'
      ? tr('staff.jobs.backupService')
      : tr('staff.jobs.backedUp', { kept: fmtNum(num(d.kept)) });
  if (d.ok === true) return tr('staff.jobs.verifyOk', { n: fmtNum(num(d.entries)) });
  const problem = d.problem as { entryId: number | null; message: string } | undefined;
  const text = problem
    ? problem.entryId === null
      ? problem.message
      : tr('staff.jobs.verifyBadEntry', { id: problem.entryId, message: problem.message })
    : '';
  return tr('staff.jobs.verifyBad', { problem: text });
}

/** True when the last ledger check found a problem: staff are told above the table, not only in it. */
const ledgerInDoubt = (jobs: JobState[]) =>
  jobs.some(
    (j) => j.job === 'verify' && j.lastRun?.status === 'failed' && j.lastRun.detail.ok === false,
  );

/**
 * The jobs that run by themselves (expiry, nightly backup, nightly ledger check): what each did
 * last and when it runs next. A section of the ledger panel.
 */
export function mountJobs(root: HTMLElement): void {
  const box = h('div', { 'aria-live': 'polite' });
  const refresh = h('button', { type: 'button', class: 'button' }, tr('staff.jobs.refresh'));
  root.append(
    h(
      'section',
      { class: 'jobs' },
      h('h3', {}, tr('staff.jobs.title')),
      h('p', { class: 'meta' }, tr('staff.jobs.intro')),
      box,
      refresh,
    ),
  );

  const load = () =>
    loadInto(
      box,
      () => request(linli.staff.jobs.$get()),
      (d) => {
        append(box, [
          ledgerInDoubt(d.jobs)
            ? h('p', { class: 'msg msg-error', role: 'alert' }, tr('staff.jobs.verifyAlert'))
            : null,
          table(
            [
              tr('staff.jobs.job'),
              tr('staff.jobs.last'),
              tr('staff.jobs.result'),
              tr('staff.jobs.next'),
            ],
            d.jobs.map((j) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, tr(`staff.jobs.name.${j.job}`)),
                h('td', {}, j.lastRun ? fmtDateTime(j.lastRun.startedAt) : '—'),
                h('td', {}, j.lastRun ? resultOf(j.job, j.lastRun) : tr('staff.jobs.never')),
                h('td', {}, j.due ? tr('staff.jobs.dueNow') : fmtDateTime(j.nextRunAt)),
              ),
            ),
            tr('staff.jobs.title'),
          ),
        ]);
      },
    );
  refresh.addEventListener('click', () => void busy(refresh, load));
  void load();
}
