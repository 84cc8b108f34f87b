import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CLEW_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  CLEW_ADMIN_EMAIL: z.email().optional(),
  CLEW_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  CLEW_DEMO: booleanFlag.default(true),
  CLEW_SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 14),
  CLEW_COOKIE_SECURE: booleanFlag.default(false),
  CLEW_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Submissions per minute one address may make to one hosted form before the rest are quarantined. */
  CLEW_FORM_RATE_PER_MINUTE: z.coerce.number().int().positive().default(5),
  /**
   * The origin printed into form links, QR codes and embed snippets (e.g. https://leads.example.cn);
   * unset, the origin the admin reached Clew at is used (X-Forwarded-Proto/Host only when trusted).
   */
  CLEW_PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .transform((value) => new URL(value).origin)
    .optional(),
  CLEW_WEB_DIR: z.string().min(1).default('./dist/web'),
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For): `false` (none, the
   * default), a hop count, or a comma-separated list of addresses/CIDRs. Believing every hop
   * would let any client pick the address that rate limits count against.
   */
  CLEW_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value): boolean | number | string =>
      value === 'false' ? false : value === 'true' ? true : /^\d+$/.test(value) ? Number(value) : value,
    ),
  /** How often an open event stream is kept alive and its credential re-checked. */
  CLEW_SSE_HEARTBEAT_MS: z.coerce.number().int().min(50).default(15_000),
  /**
   * The embedded database's buffer cache (PostgreSQL's shared_buffers), held in Clew's own memory.
   * 32MB keeps a 100,000-row import under 512 MB of RSS on a small machine; more helps large workspaces.
   */
  CLEW_PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^[1-9]\d{0,5}(kB|MB|GB)$/, 'a size such as 32MB or 1GB')
    .default('128MB'),
  /** The largest CSV/XLSX file an import accepts. */
  CLEW_IMPORT_MAX_MB: z.coerce.number().int().positive().default(200),
  /**
   * The SMTP server notification e-mail goes through: smtp://user:password@host:587 (STARTTLS when
   * offered) or smtps://…:465 (TLS from the first byte). Unset, e-mail channels fail as smtp_unavailable.
   */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/ })
    .transform((value) => new URL(value))
    .optional(),
  /** The sender of notification e-mail, a bare address or `Name <address>`. */
  SMTP_FROM: z.string().trim().min(3).max(320).default('Clew <clew@localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

/** SMTP_URL as the sender's SmtpConfig shape (notification.schemas.ts), or null when unset. */
export function smtpSettings(config: Pick<Config, 'SMTP_URL' | 'SMTP_FROM'>) {
  const url = config.SMTP_URL;
  if (!url) return null;
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    from: config.SMTP_FROM,
  };
}

export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates configuration once, at boot; an empty string counts as unset. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(defined);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  return { ...parsed.data, CLEW_DATA_DIR: path.resolve(parsed.data.CLEW_DATA_DIR) };
}
