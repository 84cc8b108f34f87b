import { api } from '../api/client';
import type { ListResponse, User } from '../api/types';

/** The users the caller may see (their team, or everyone for an admin). */
export function listUsers(signal?: AbortSignal): Promise<ListResponse<User>> {
  return api.get<ListResponse<User>>('/users', { signal });
}
