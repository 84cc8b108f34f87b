import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: a hash without salt or stretching is enough to keep them safe at rest. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
