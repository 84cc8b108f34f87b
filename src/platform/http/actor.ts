export const roles = ['admin', 'manager', 'rep', 'marketing'] as const;
export type Role = (typeof roles)[number];

export const apiKeyScopes = ['leads:write', 'full'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export type Actor =
  | {
      kind: 'user';
      workspaceId: string;
      userId: string;
      role: Role;
      teamId: string | null;
      viaCookie: boolean;
    }
  | {
      kind: 'api_key';
      workspaceId: string;
      keyId: string;
      scopes: ApiKeyScope[];
      channel: string | null;
      channelId: string | null;
    };

/** Every API route declares who may call it; the server refuses to start otherwise. */
export type RouteAccess =
  | { public: true }
  | {
      roles: readonly Role[];
      /** The API-key scope that also admits a key; `full` admits a key with any route. */
      apiKey?: ApiKeyScope;
    };

export function actorRef(actor: Actor): { actorType: 'user' | 'api_key'; actorId: string } {
  return actor.kind === 'user'
    ? { actorType: 'user', actorId: actor.userId }
    : { actorType: 'api_key', actorId: actor.keyId };
}

export function isAdmitted(actor: Actor, access: Exclude<RouteAccess, { public: true }>): boolean {
  if (actor.kind === 'user') return access.roles.includes(actor.role);
  if (!access.apiKey) return false;
  return actor.scopes.includes('full') || actor.scopes.includes(access.apiKey);
}
