import type { InferRequestType } from 'hono/client';
import type { Team } from '../../../functions/domain/activities/teams';
import { linli, request } from '../api';
import { append, field, focusOn, h, replace } from '../dom';
import { errorText, fmtDate, tr } from '../i18n';
import { busy, loadInto, msgBox, say } from '../ui';
import { residentPicker } from './common';

/** Volunteer teams (admin): create one, rename it, name its leader, add members, let members leave. People are picked by search, never typed as ids. */
export function mountTeams(box: HTMLElement): void {
  const listBox = h('div');
  const msg = msgBox();
  replace(
    box,
    msg,
    listBox,
    h('h4', {}, tr('set.newTeam')),
    teamForm(null, async (body) => {
      // A new team's form always sends its name (teamForm).
      const res = await request(linli.admin.teams.$post({ json: body as NewTeam }));
      if (!res.ok) return errorText(res);
      say(msg, 'ok', tr('set.teamAdded', { name: res.data.name }));
      await load();
      return null;
    }),
  );

  const load = () =>
    loadInto(
      listBox,
      () => request(linli.admin.teams.$get()),
      ({ teams }) => {
        if (teams.length === 0) return listBox.append(h('p', { class: 'meta' }, tr('set.noTeams')));
        listBox.append(
          h(
            'ul',
            { class: 'cards' },
            teams.map((t) => teamCard(t)),
          ),
        );
      },
    );

  const teamCard = (t: Team): HTMLElement => {
    const cardMsg = msgBox();
    const card = h('li', { class: 'card', 'data-team': t.id });
    const redraw = (next: Team, text: string) => {
      const fresh = teamCard(next);
      card.replaceWith(fresh);
      const m = fresh.querySelector<HTMLElement>('.msg');
      if (m) {
        say(m, 'ok', text);
        focusOn(m);
      }
    };
    const members = t.members.length
      ? h(
          'ul',
          { class: 'check-list' },
          t.members.map((m) => {
            const leave = h(
              'button',
              {
                type: 'button',
                class: 'button',
                'aria-label': tr('set.leaveLabel', { name: m.name }),
              },
              tr('set.leave'),
            );
            leave.addEventListener('click', () =>
              busy(leave, async () => {
                const res = await request(
                  linli.admin.teams[':id'].members[':residentId'].leave.$post({
                    param: { id: String(t.id), residentId: String(m.residentId) },
                  }),
                );
                if (!res.ok) return say(cardMsg, 'error', errorText(res));
                redraw(res.data, tr('set.left', { name: m.name }));
              }),
            );
            return h(
              'li',
              { class: 'row' },
              h(
                'span',
                {},
                `${m.name}（${m.login}）`,
                h(
                  'span',
                  { class: 'meta' },
                  ` · ${tr('set.joined', { date: fmtDate(m.joinedAt) })}`,
                ),
              ),
              leave,
            );
          }),
        )
      : h('p', { class: 'meta' }, tr('set.noMembers'));
    const add = residentPicker(tr('set.pickMember'));
    const addGo = h('button', { type: 'button', class: 'button' }, tr('set.addMember'));
    addGo.addEventListener('click', () => {
      const r = add.value;
      if (!r) return add.setError(tr('common.required'));
      add.setError(null);
      void busy(addGo, async () => {
        const res = await request(
          linli.admin.teams[':id'].members.$post({
            param: { id: String(t.id) },
            json: { residentId: r.id },
          }),
        );
        if (!res.ok) return say(cardMsg, 'error', errorText(res));
        redraw(res.data, tr('set.memberAdded', { name: r.name }));
      });
    });
    const editBox = h('details', {}, h('summary', {}, tr('set.editTeam')));
    editBox.append(
      teamForm(t, async (body) => {
        const res = await request(
          linli.admin.teams[':id'].$patch({ param: { id: String(t.id) }, json: body }),
        );
        if (!res.ok) return errorText(res);
        redraw(res.data, tr('set.teamSaved', { name: res.data.name }));
        return null;
      }),
    );
    append(card, [
      h('h4', {}, t.name),
      t.description ? h('p', {}, t.description) : null,
      h('p', {}, `${tr('set.leader')}：${t.leader ? t.leader.name : tr('set.noLeader')}`),
      h('h5', {}, tr('set.members', { n: t.members.length })),
      members,
      add.wrap,
      addGo,
      editBox,
      cardMsg,
    ]);
    return card;
  };

  void load();
}

type NewTeam = InferRequestType<typeof linli.admin.teams.$post>['json'];
type TeamBody = { name: string; description: string; leaderId: number | null };

/** A team's name, what it does and its leader: empty to create one, filled to change one (only what changed is sent). */
function teamForm(
  t: Team | null,
  send: (body: Partial<TeamBody>) => Promise<string | null>,
): HTMLFormElement {
  const msg = msgBox();
  const name = field(
    tr('set.teamName'),
    h('input', { type: 'text', maxlength: 64, value: t?.name ?? '' }),
  );
  const desc = field(tr('set.teamDesc'), h('textarea', { maxlength: 500, rows: 2 }));
  (desc.input as HTMLTextAreaElement).value = t?.description ?? '';
  const leader = residentPicker(tr('set.pickLeader'));
  const noLeaderId = `no-leader-${t?.id ?? 'new'}`;
  const noLeader = h('input', { type: 'checkbox', id: noLeaderId });
  const leaderNow = h(
    'p',
    { class: 'meta' },
    `${tr('set.leader')}：${t?.leader ? t.leader.name : tr('set.noLeader')}`,
  );
  const go = h(
    'button',
    { type: 'submit', class: 'button primary' },
    t ? tr('common.save') : tr('set.addTeam'),
  );
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    name.wrap,
    desc.wrap,
    leaderNow,
    leader.wrap,
    t?.leader
      ? h(
          'div',
          { class: 'choice' },
          noLeader,
          h('label', { for: noLeaderId }, tr('set.clearLeader')),
        )
      : null,
    go,
    msg,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const n = (name.input as HTMLInputElement).value.trim();
    name.setError(n ? null : tr('common.required'));
    if (!n) return;
    const d = (desc.input as HTMLTextAreaElement).value.trim();
    const body: Partial<TeamBody> = {};
    if (!t || n !== t.name) body.name = n;
    if (!t ? d !== '' : d !== t.description) body.description = d;
    if (noLeader.checked) body.leaderId = null;
    else if (leader.value && leader.value.id !== t?.leader?.id) body.leaderId = leader.value.id;
    if (t && Object.keys(body).length === 0) return say(msg, 'info', tr('set.nothingChanged'));
    void busy(go, async () => {
      const failed = await send(t ? body : { name: n, ...body });
      if (failed) return say(msg, 'error', failed);
      if (!t) {
        form.reset();
        leader.clear();
      }
      say(msg, 'ok', null);
    });
  });
  return form;
}
