/** Every failure the API reports has one of these stable codes; the HTTP status lives here only. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_PHONE: 422,
  INVALID_EMAIL: 422,
  MISSING_CONTACT: 422,
  /** Well-formed but suspect: kept in quarantine for a person to release. */
  SUSPECTED_SPAM: 422,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  NO_ELIGIBLE_OWNER: 409,
  /** Pool claim refusals: pool.rules.ts canClaim's reasons, upper-cased. */
  NOT_IN_POOL: 409,
  NOT_VISIBLE: 403,
  INACTIVE: 403,
  DAILY_LIMIT: 409,
  MAX_HELD: 409,
  TOO_SOON: 409,
  COOLING_DOWN: 409,
  /** A release with no pool to go to (none named, no default for the team or the workspace). */
  NO_POOL: 409,
  /** A business calendar still named by a user, a team or the workspace default cannot be deleted. */
  CALENDAR_IN_USE: 409,
  /** Too few won and lost leads to learn from; the message says how many more are needed. */
  NOT_ENOUGH_OUTCOMES: 422,
  /** A forward stage move with required fields or tasks missing; the body lists them under `missing`. */
  STAGE_GATE_UNMET: 422,
  /** A forward move past other stages with every gate met still needs a reason. */
  SKIP_REASON_REQUIRED: 422,
  /** The lead already has its deal. */
  ALREADY_CONVERTED: 409,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly field?: string,
    /** Extra members of the error body (e.g. a gate's `missing`). */
    public readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
