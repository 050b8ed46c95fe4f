import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { residents, teamMembers, teams, users } from '../../../db/schema';
import { type Actor, audit, changesOf } from '../records/audit';
import { DomainError } from '../shared/errors';

/**
 * Volunteer teams as the administrator keeps them: a name, what the team does, the resident who
 * leads it, and who belongs. Leaving sets the member's `leftAt`: nothing is deleted, so hours
 * stay attributed to the team they were given in.
 */
export interface TeamMember {
  residentId: number;
  name: string;
  login: string;
  joinedAt: string;
}

export interface Team {
  id: number;
  name: string;
  description: string;
  leader: { id: number; name: string } | null;
  members: TeamMember[];
}

export interface TeamFields {
  name: string;
  description: string;
  leaderId?: number | null | undefined;
}

/** A resident who still lives here (not moved away), or the refusal naming why not. */
async function requireResident(tx: Db, residentId: number): Promise<{ name: string }> {
  const [r] = await tx
    .select({ name: residents.fullName, movedAwayAt: residents.movedAwayAt })
    .from(residents)
    .where(eq(residents.userId, residentId));
  if (!r) throw new DomainError('invalid_reference', `居民 ${residentId} 不存在`);
  if (r.movedAwayAt) throw new DomainError('invalid_reference', `居民 ${r.name} 已迁出`);
  return r;
}

async function requireFreeName(tx: Db, name: string, exceptId?: number): Promise<void> {
  const [taken] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.name, name), exceptId === undefined ? undefined : ne(teams.id, exceptId)));
  if (taken) throw new DomainError('team_name_taken', `已有名为「${name}」的队伍`);
}

async function currentMembership(tx: Db, teamId: number, residentId: number) {
  const [m] = await tx
    .select({ id: teamMembers.id })
    .from(teamMembers)
    .where(
      and(
        eq(teamMembers.teamId, teamId),
        eq(teamMembers.residentId, residentId),
        isNull(teamMembers.leftAt),
      ),
    );
  return m;
}

export async function listTeams(db: Db): Promise<Team[]> {
  const rows = await db.select().from(teams).orderBy(asc(teams.id));
  const members = await db
    .select({
      teamId: teamMembers.teamId,
      residentId: teamMembers.residentId,
      joinedAt: teamMembers.joinedAt,
      name: residents.fullName,
      login: users.login,
    })
    .from(teamMembers)
    .innerJoin(residents, eq(residents.userId, teamMembers.residentId))
    .innerJoin(users, eq(users.id, teamMembers.residentId))
    .where(isNull(teamMembers.leftAt))
    .orderBy(asc(teamMembers.id));
  const leaderIds = rows.map((t) => t.leaderId).filter((id): id is number => id !== null);
  const leaders = leaderIds.length
    ? await db
        .select({ id: residents.userId, name: residents.fullName })
        .from(residents)
        .where(inArray(residents.userId, leaderIds))
    : [];
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    leader:
      t.leaderId === null
        ? null
        : { id: t.leaderId, name: leaders.find((l) => l.id === t.leaderId)?.name ?? '' },
    members: members
      .filter((m) => m.teamId === t.id)
      .map(({ residentId, name, login, joinedAt }) => ({ residentId, name, login, joinedAt })),
  }));
}

export async function findTeam(db: Db, id: number): Promise<Team> {
  const team = (await listTeams(db)).find((t) => t.id === id);
  if (!team) throw new DomainError('not_found', `志愿队伍 ${id} 不存在`);
  return team;
}

/** Makes the leader a member too, if they are not one yet. */
async function leaderJoins(
  tx: Db,
  actor: Actor,
  teamId: number,
  leaderId: number | null | undefined,
): Promise<void> {
  if (leaderId == null || (await currentMembership(tx, teamId, leaderId))) return;
  await tx
    .insert(teamMembers)
    .values({ teamId, residentId: leaderId, joinedAt: actor.now.toISOString() });
  await audit(tx, actor, 'create', 'team_member', teamId, { residentId: leaderId, as: 'leader' });
}

export async function createTeam(tx: Db, actor: Actor, fields: TeamFields): Promise<Team> {
  await requireFreeName(tx, fields.name);
  if (fields.leaderId != null) await requireResident(tx, fields.leaderId);
  const [row] = await tx
    .insert(teams)
    .values({
      name: fields.name,
      description: fields.description,
      leaderId: fields.leaderId ?? null,
    })
    .returning({ id: teams.id });
  await audit(tx, actor, 'create', 'team', row!.id, { fields });
  await leaderJoins(tx, actor, row!.id, fields.leaderId);
  return findTeam(tx, row!.id);
}

export async function updateTeam(
  tx: Db,
  actor: Actor,
  id: number,
  patch: Partial<TeamFields>,
): Promise<Team> {
  const [before] = await tx.select().from(teams).where(eq(teams.id, id));
  if (!before) throw new DomainError('not_found', `志愿队伍 ${id} 不存在`);
  if (patch.name !== undefined) await requireFreeName(tx, patch.name, id);
  if (patch.leaderId != null) await requireResident(tx, patch.leaderId);
  const changes = changesOf(before, patch);
  if (Object.keys(changes).length === 0) return findTeam(tx, id);
  await tx
    .update(teams)
    .set({ name: patch.name, description: patch.description, leaderId: patch.leaderId })
    .where(eq(teams.id, id));
  await audit(tx, actor, 'update', 'team', id, { changes });
  await leaderJoins(tx, actor, id, patch.leaderId);
  return findTeam(tx, id);
}

export async function addMember(
  tx: Db,
  actor: Actor,
  teamId: number,
  residentId: number,
): Promise<Team> {
  await findTeam(tx, teamId);
  const r = await requireResident(tx, residentId);
  if (await currentMembership(tx, teamId, residentId))
    throw new DomainError('already_member', `${r.name} 已在队伍中`);
  await tx.insert(teamMembers).values({ teamId, residentId, joinedAt: actor.now.toISOString() });
  await audit(tx, actor, 'create', 'team_member', teamId, { residentId });
  return findTeam(tx, teamId);
}

/** A member leaves: the membership is closed, not removed. A leader who leaves is no longer the leader. */
export async function leaveTeam(
  tx: Db,
  actor: Actor,
  teamId: number,
  residentId: number,
): Promise<Team> {
  const team = await findTeam(tx, teamId);
  const m = await currentMembership(tx, teamId, residentId);
  if (!m) throw new DomainError('not_found', `居民 ${residentId} 不在队伍「${team.name}」中`);
  await tx
    .update(teamMembers)
    .set({ leftAt: actor.now.toISOString() })
    .where(eq(teamMembers.id, m.id));
  if (team.leader?.id === residentId)
    await tx.update(teams).set({ leaderId: null }).where(eq(teams.id, teamId));
  await audit(tx, actor, 'update', 'team_member', teamId, {
    op: 'leave',
    residentId,
    wasLeader: team.leader?.id === residentId,
  });
  return findTeam(tx, teamId);
}
