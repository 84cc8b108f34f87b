import { api } from '../api/client';
import type { LoginResponse, Me } from '../api/types';

export function login(email: string, password: string): Promise<LoginResponse> {
  // A wrong password answers 401: that is the form's error to show, not an expired session.
  return api.post<LoginResponse>('/auth/login', { email, password }, { redirectOnUnauthorized: false });
}

export function logout(): Promise<void> {
  return api.post<void>('/auth/logout', undefined, { redirectOnUnauthorized: false });
}

export function fetchMe(): Promise<Me> {
  return api.get<Me>('/me', { redirectOnUnauthorized: false });
}
