import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { publishInvalidation } from '../realtime/realtime.ts';
import { deleteSession, findSessionUser, findUserByEmail, insertSession, type UserRow } from './identity.repository.ts';
import { decoyPasswordHash, verifyPassword } from './password.ts';
import { hashSecret, newSecret } from './token.rules.ts';

export interface AuthDeps {
  db: Db;
  clock: Clock;
  sessionTtlHours: number;
  credentials: { clear(): void };
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserRow;
}

export async function login(deps: AuthDeps, email: string, password: string): Promise<LoginResult> {
  const user = await findUserByEmail(deps.db, email.trim().toLowerCase());
  const valid = user
    ? await verifyPassword(user.passwordHash, password)
    : await verifyPassword(await decoyPasswordHash(), password).then(() => false);
  if (!user || !valid || !user.active) {
    throw new AppError('INVALID_CREDENTIALS', 'E-mail or password is wrong');
  }
  const token = newSecret();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.sessionTtlHours * 3_600_000);
  await deps.db.transaction(async (tx) => {
    await insertSession(tx, {
      id: randomUUID(),
      workspaceId: user.workspaceId,
      userId: user.id,
      tokenHash: hashSecret(token),
      createdAt: now,
      expiresAt,
    });
    await recordAudit(tx, {
      workspaceId: user.workspaceId,
      actorType: 'user',
      actorId: user.id,
      action: 'session.created',
      entity: 'user',
      entityId: user.id,
      at: now,
    });
  });
  return { token, expiresAt, user };
}

export async function logout(deps: AuthDeps, token: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const user = await findSessionUser(tx, hashSecret(token), deps.clock.now());
    await deleteSession(tx, hashSecret(token));
    await publishInvalidation(tx, 'credentials');
    if (user) {
      await recordAudit(tx, {
        workspaceId: user.workspaceId,
        actorType: 'user',
        actorId: user.id,
        action: 'session.deleted',
        entity: 'user',
        entityId: user.id,
        at: deps.clock.now(),
      });
    }
  });
  deps.credentials.clear();
}

export async function actorForSession(deps: AuthDeps, token: string): Promise<Actor | null> {
  const user = await findSessionUser(deps.db, hashSecret(token), deps.clock.now());
  if (!user) return null;
  return {
    kind: 'user',
    workspaceId: user.workspaceId,
    userId: user.id,
    role: user.role,
    teamId: user.teamId,
    viaCookie: false,
  };
}
