import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey(),
  /** A workspace row is its own scope: workspace_id equals id. */
  workspaceId: uuid('workspace_id').notNull(),
  name: text('name').notNull(),
  defaultTeamId: uuid('default_team_id'),
  /** pg_trgm similarity at or above which two company names count as one company (0–1). */
  companyMatchThreshold: real('company_match_threshold').notNull().default(0.5),
  /** Business hours for deadlines of leads whose owner and team name none; null: around the clock. */
  defaultBusinessCalendarId: uuid('default_business_calendar_id'),
  createdAt: createdAt(),
});

export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['region', 'branch', 'group'] }).notNull(),
    managerId: uuid('manager_id'),
    /** How a lead routed to this team picks a rep (round_robin, weighted_round_robin, least_loaded, best_fit). */
    routingStrategy: text('routing_strategy', {
      enum: ['round_robin', 'weighted_round_robin', 'least_loaded', 'best_fit'],
    })
      .notNull()
      .default('round_robin'),
    /** Deal to reps outside their working hours too. */
    allowOffHours: boolean('allow_off_hours').notNull().default(false),
    /** Most open leads for reps without a capacity of their own; null: no limit. */
    defaultCapacity: integer('default_capacity'),
    /** Best-fit: weights, the lead field that names a segment, the fields matched to skills. */
    bestFit: jsonb('best_fit').$type<{
      weights: { tags: number; conversion: number; load: number; response: number };
      segmentField: string;
      matchFields: string[];
    }>(),
    /** Business hours for its reps' deadlines (a rep's own wins); null: the parent team's, else the workspace's. */
    businessCalendarId: uuid('business_calendar_id'),
    createdAt: createdAt(),
  },
  (t) => [index('teams_workspace_parent_idx').on(t.workspaceId, t.parentId)],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'manager', 'rep', 'marketing'] }).notNull(),
    teamId: uuid('team_id'),
    active: boolean('active').notNull().default(true),
    locale: text('locale', { enum: ['zh-CN', 'en-US'] })
      .notNull()
      .default('zh-CN'),
    /** Routing profile: skill tags (industry, region, product, language) best-fit matches to leads. */
    skills: text('skills').array().notNull().default([]),
    /** Most open leads; null: the team's default. */
    capacity: integer('capacity'),
    maxNewPerDay: integer('max_new_per_day'),
    /** Weekly working hours in the rep's time zone; null: any hour. */
    calendar: jsonb('calendar').$type<{ timeZone: string; weekly: Record<string, { start: string; end: string }[]> }>(),
    onLeave: boolean('on_leave').notNull().default(false),
    /** Share of turns in weighted round robin. */
    routingWeight: real('routing_weight').notNull().default(1),
    /** Business hours for deadlines of leads they own; null: their team's. */
    businessCalendarId: uuid('business_calendar_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email), index('users_workspace_team_idx').on(t.workspaceId, t.teamId)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash_idx').on(t.tokenHash)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    name: text('name').notNull(),
    channel: text('channel'),
    /** The configured channel whose leads this key sends, if any. */
    channelId: uuid('channel_id'),
    scopes: text('scopes').array().notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_idx').on(t.keyHash),
    index('api_keys_workspace_idx').on(t.workspaceId, t.createdAt),
  ],
);

export const dedupePolicies = ['merge', 'review', 'create'] as const;

export const channelTypes = ['web_form', 'api', 'ad_webhook', 'import', 'manual', 'phone', 'offline'] as const;

/** Where leads come from, with what it costs a month (for channel ROI). */
export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    type: text('type', { enum: channelTypes }).notNull(),
    name: text('name').notNull(),
    campaign: text('campaign'),
    ownerTeamId: uuid('owner_team_id'),
    /** In fen (分), so sums stay exact. */
    monthlyCostFen: bigint('monthly_cost_fen', { mode: 'number' }).notNull().default(0),
    active: boolean('active').notNull().default(true),
    /** What a repeat submission from this channel does: merge into the lead, queue for review, or create anyway. */
    dedupePolicy: text('dedupe_policy', { enum: dedupePolicies }).notNull().default('merge'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('channels_name_idx').on(t.workspaceId, t.name)],
);

/** Ordered rules that tag a lead by where it came from (官网注册 → 线上渠道-主动咨询). */
export const channelTagRules = pgTable(
  'channel_tag_rules',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    position: integer('position').notNull(),
    /** Every condition given must hold: channelId, channelType, source, utmSource, utmMedium, utmCampaign, landingPageContains. */
    when: jsonb('when').$type<Record<string, string>>().notNull(),
    tags: text('tags').array().notNull(),
  },
  (t) => [index('channel_tag_rules_workspace_idx').on(t.workspaceId, t.position)],
);

export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    name: text('name').notNull(),
    /** The person's name as matched: no spaces or punctuation, lower-case, Latin words in order. */
    nameKey: text('name_key'),
    phone: text('phone'),
    email: text('email'),
    company: text('company'),
    companyKey: text('company_key'),
    /** The company's web domain, cleaned from whatever URL was typed. */
    website: text('website'),
    title: text('title'),
    province: text('province'),
    city: text('city'),
    source: text('source').notNull(),
    channelId: uuid('channel_id'),
    campaign: text('campaign'),
    utm: jsonb('utm').$type<Record<string, string>>(),
    landingPage: text('landing_page'),
    referrer: text('referrer'),
    tags: text('tags').array().notNull().default([]),
    /** Values of the workspace's custom fields for leads, by field name. */
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', {
      enum: ['new', 'contacted', 'qualified', 'unqualified', 'converted', 'won', 'lost'],
    })
      .notNull()
      .default('new'),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    touchCount: integer('touch_count').notNull().default(1),
    /** 0–100, from the rules, the model or a blend; grade and urgency follow from the rules. */
    score: integer('score').notNull().default(0),
    grade: text('grade', { enum: ['A', 'B', 'C', 'D'] })
      .notNull()
      .default('D'),
    urgency: text('urgency', { enum: ['normal', 'high', 'critical'] })
      .notNull()
      .default('normal'),
    urgencyReason: text('urgency_reason'),
    winProbability: real('win_probability'),
    scoreFactors: jsonb('score_factors').$type<{ factor: string; effect: number }[]>().notNull().default([]),
    /** When time alone may change the score (a behaviour window passes, a trial nears): the scorer claims due rows. */
    rescoreAt: timestamp('rescore_at', { withTimezone: true }),
    /** When the lead was won or lost. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    lastTouchAt: timestamp('last_touch_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** The next response-deadline step still pending (lead_deadlines): when it falls due and its key. */
    slaDueAt: timestamp('sla_due_at', { withTimezone: true }),
    slaStep: text('sla_step'),
    /** The public pool (公海) the lead waits in; null with no owner: the workspace's unowned leads. */
    poolId: uuid('pool_id'),
  },
  (t) => [
    index('leads_workspace_phone_idx').on(t.workspaceId, t.phone),
    index('leads_workspace_email_idx').on(t.workspaceId, t.email),
    // Newest first per company: routing's account owner is the owner of the company's latest lead.
    index('leads_workspace_company_key_idx').on(t.workspaceId, t.companyKey, t.createdAt.desc()),
    index('leads_company_key_trgm_idx').using('gin', t.companyKey.op('gin_trgm_ops')),
    index('leads_workspace_name_key_idx').on(t.workspaceId, t.nameKey),
    index('leads_workspace_created_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index('leads_workspace_owner_created_idx').on(t.workspaceId, t.ownerId, t.createdAt.desc(), t.id.desc()),
    index('leads_rescore_idx')
      .on(t.rescoreAt)
      .where(sql`rescore_at IS NOT NULL`),
    index('leads_workspace_closed_idx')
      .on(t.workspaceId, t.closedAt)
      .where(sql`status IN ('won', 'lost')`),
    // A pool's leads, newest first (GET /pools/:id/leads).
    index('leads_workspace_pool_idx')
      .on(t.workspaceId, t.poolId, t.createdAt.desc())
      .where(sql`pool_id IS NOT NULL`),
  ],
);

export const leadTouches = pgTable(
  'lead_touches',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    source: text('source').notNull(),
    channel: text('channel'),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('lead_touches_lead_idx').on(t.workspaceId, t.leadId, t.receivedAt.desc())],
);

/** Fields a workspace adds to its leads (and later accounts and deals), usable in forms and rules. */
export const customFields = pgTable(
  'custom_fields',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    entity: text('entity', { enum: ['lead'] }).notNull(),
    /** The key under `custom`: lower-case letters, digits and underscores. */
    name: text('name').notNull(),
    label: text('label'),
    type: text('type', { enum: ['text', 'number', 'date', 'select', 'bool'] }).notNull(),
    options: text('options').array(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('custom_fields_name_idx').on(t.workspaceId, t.entity, t.name)],
);

/** Behaviour on a lead (page views, downloads, trial expiry, competitor comparison, custom). */
export const leadEvents = pgTable(
  'lead_events',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    type: text('type').notNull(),
    /** When it happened, as the sender says; receivedAt is when Clew heard of it. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    props: jsonb('props').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** Who sent it: the row is its own audit record (page views are too many to audit twice). */
    actorType: text('actor_type', { enum: ['user', 'api_key', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
  },
  (t) => [
    index('lead_events_lead_idx').on(t.workspaceId, t.leadId, t.at.desc()),
    index('lead_events_type_idx').on(t.workspaceId, t.type, t.at),
  ],
);

/** Intake we could not accept is kept with its reason, never dropped. */
export const intakeRejections = pgTable(
  'intake_rejections',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    source: text('source'),
    channel: text('channel'),
    code: text('code').notNull(),
    field: text('field'),
    message: text('message').notNull(),
    /** What was sent, as sent; NULL when the body was empty or JSON null. */
    payload: jsonb('payload'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** rejected: it could not be a lead as sent; quarantined: it could, but looks like spam or abuse. */
    kind: text('kind', { enum: ['rejected', 'quarantined'] })
      .notNull()
      .default('rejected'),
    channelId: uuid('channel_id'),
    clientIp: text('client_ip'),
    /** Set when a user fixed and released it (resolvedLeadId is the lead it became) or discarded it. */
    resolution: text('resolution', { enum: ['released', 'discarded'] }),
    resolvedLeadId: uuid('resolved_lead_id'),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    index('intake_rejections_workspace_idx').on(t.workspaceId, t.receivedAt.desc()),
    index('intake_rejections_open_idx')
      .on(t.workspaceId, t.kind, t.receivedAt.desc())
      .where(sql`resolution IS NULL`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    actorType: text('actor_type', { enum: ['user', 'api_key', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('audit_log_entity_idx').on(t.workspaceId, t.entity, t.entityId, t.at)],
);

/** The first answer to each Idempotency-Key, replayed when a client retries the same request. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    workspaceId: uuid('workspace_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** Null while the first request is still being answered. */
    statusCode: integer('status_code'),
    responseBody: text('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** Where the round robin of each team stands; the row lock serialises concurrent assignments. */
export const routingCursors = pgTable(
  'routing_cursors',
  {
    workspaceId: uuid('workspace_id').notNull(),
    teamId: uuid('team_id').notNull(),
    lastUserId: uuid('last_user_id'),
    /** Smooth weighted round robin's running weights, per rep. */
    currentWeights: jsonb('current_weights').$type<Record<string, number>>().notNull().default({}),
    assignedCount: integer('assigned_count').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.teamId] })],
);

/** Hosted web forms: a public page at /f/:slug whose submissions arrive through the form's channel. */
export const forms = pgTable(
  'forms',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    /** Unique across workspaces: it is the public URL. */
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    channelId: uuid('channel_id'),
    campaign: text('campaign'),
    /** Ordered fields: { key: lead field or custom.<name>, required, label: { zh-CN, en-US } }. */
    fields: jsonb('fields').$type<unknown[]>().notNull(),
    /** Titles, consent text and success message, each { zh-CN, en-US }; redirectUrl replaces the message. */
    texts: jsonb('texts').$type<Record<string, unknown>>().notNull(),
    redirectUrl: text('redirect_url'),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('forms_slug_idx').on(t.slug), index('forms_workspace_idx').on(t.workspaceId, t.createdAt)],
);

/** An ad platform's webhook into one channel: its secret and how its payload maps to a lead. */
export const channelHooks = pgTable(
  'channel_hooks',
  {
    channelId: uuid('channel_id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    /** sha256 of the secret; the secret itself is shown once. */
    secretHash: text('secret_hash').notNull(),
    secretPrefix: text('secret_prefix').notNull(),
    preset: text('preset').notNull(),
    /** { rules: [{ target, path?, value?, transform? }], externalIdPath?, itemsPath? } */
    mapping: jsonb('mapping').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('channel_hooks_workspace_idx').on(t.workspaceId)],
);

/** Each platform lead id a hook has taken, so a platform's retry is answered without a second touch. */
export const hookDeliveries = pgTable(
  'hook_deliveries',
  {
    workspaceId: uuid('workspace_id').notNull(),
    channelId: uuid('channel_id').notNull(),
    externalId: text('external_id').notNull(),
    leadId: uuid('lead_id'),
    status: text('status').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channelId, t.externalId] })],
);

/** A CSV or XLSX import, worked through in the background and resumable after a restart. */
export const imports = pgTable(
  'imports',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    createdBy: uuid('created_by'),
    fileName: text('file_name').notNull(),
    /** sha256 of the file's bytes. */
    fileHash: text('file_hash').notNull(),
    format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    /** Where the uploaded file is kept until the import is done. */
    filePath: text('file_path').notNull(),
    /** Header → lead field or custom.<name>. */
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    dedupePolicy: text('dedupe_policy', { enum: dedupePolicies }).notNull().default('merge'),
    channelId: uuid('channel_id'),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    merged: integer('merged').notNull().default(0),
    quarantined: integer('quarantined').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    error: text('error'),
    /** A worker holds the import while its heartbeat is fresh; a stale one is claimed by another. */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('imports_workspace_idx').on(t.workspaceId, t.createdAt.desc()),
    index('imports_running_idx')
      .on(t.heartbeatAt)
      .where(sql`status = 'running'`),
  ],
);

/** The rows of an import that did not become a lead, for the downloadable error file. */
export const importErrors = pgTable(
  'import_errors',
  {
    workspaceId: uuid('workspace_id').notNull(),
    importId: uuid('import_id').notNull(),
    rowNumber: integer('row_number').notNull(),
    status: text('status', { enum: ['rejected', 'quarantined'] }).notNull(),
    code: text('code').notNull(),
    field: text('field'),
    message: text('message').notNull(),
    row: jsonb('row').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNumber] })],
);

/** Two leads that may be one person, found at intake (review policy) or by the background scan. */
export const duplicateCandidates = pgTable(
  'duplicate_candidates',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    /** The newer lead, proposed to be merged into the older one. */
    leadId: uuid('lead_id').notNull(),
    duplicateOfId: uuid('duplicate_of_id').notNull(),
    reason: text('reason', { enum: ['phone', 'email', 'name_company'] }).notNull(),
    score: real('score').notNull(),
    foundBy: text('found_by', { enum: ['intake', 'scan'] }).notNull(),
    status: text('status', { enum: ['open', 'merged', 'dismissed'] })
      .notNull()
      .default('open'),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by'),
  },
  (t) => [
    uniqueIndex('duplicate_candidates_pair_idx').on(t.workspaceId, t.leadId, t.duplicateOfId),
    index('duplicate_candidates_open_idx')
      .on(t.workspaceId, t.createdAt.desc())
      .where(sql`status = 'open'`),
  ],
);

/** A merge, with what it takes to undo it: the survivor as it was, the merged lead and what moved. */
export const leadMerges = pgTable(
  'lead_merges',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    survivorId: uuid('survivor_id').notNull(),
    /** The lead that was folded in; for an intake merge, the lead the touch would have created. */
    mergedId: uuid('merged_id').notNull(),
    kind: text('kind', { enum: ['intake', 'manual'] }).notNull(),
    survivorBefore: jsonb('survivor_before').notNull(),
    survivorAfter: jsonb('survivor_after').notNull(),
    mergedRow: jsonb('merged_row'),
    touchIds: uuid('touch_ids').array().notNull(),
    eventIds: uuid('event_ids').array().notNull(),
    /** Activities moved with the merge (an undo moves them back). */
    activityIds: uuid('activity_ids').array().notNull().default([]),
    mergedBy: uuid('merged_by'),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoneBy: uuid('undone_by'),
  },
  (t) => [index('lead_merges_survivor_idx').on(t.workspaceId, t.survivorId, t.mergedAt.desc())],
);

/** A workspace's scoring: point and urgency rules (each with its conditions) and the settings. */
export const scoringRules = pgTable(
  'scoring_rules',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    kind: text('kind', { enum: ['points', 'urgency'] }).notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** Every condition must hold (see scoring.schemas.ts). */
    when: jsonb('when').notNull(),
    group: text('group', { enum: ['fit', 'engagement', 'bant'] }),
    points: integer('points'),
    level: text('level', { enum: ['high', 'critical'] }),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('scoring_rules_workspace_idx').on(t.workspaceId, t.kind, t.position)],
);

export const scoringConfigs = pgTable('scoring_configs', {
  workspaceId: uuid('workspace_id').primaryKey(),
  /** Caps, half-life, grade thresholds, mode, blend weight, post-contact fields. */
  settings: jsonb('settings').notNull(),
  activeModelId: uuid('active_model_id'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Trained win-probability models, versioned; a worker claims those still training. */
export const scoringModels = pgTable(
  'scoring_models',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['training', 'ready', 'failed'] }).notNull(),
    exclude: text('exclude').array().notNull(),
    requestedBy: uuid('requested_by'),
    /** The learner's model (encoder, trees, calibration), as the learner serialises it. */
    model: jsonb('model'),
    /** Hold-out metrics, calibration table, lift by decile and feature importance. */
    report: jsonb('report'),
    error: text('error'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('scoring_models_version_idx').on(t.workspaceId, t.version),
    index('scoring_models_training_idx')
      .on(t.createdAt)
      .where(sql`status = 'training'`),
  ],
);

/** Background rescoring of a whole workspace, resumable from its cursor. */
export const scoringJobs = pgTable(
  'scoring_jobs',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    reason: text('reason', { enum: ['rules', 'model', 'manual'] }).notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull(),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    /** The last lead id rescored: a resumed job goes on from there. */
    cursor: uuid('cursor'),
    error: text('error'),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('scoring_jobs_workspace_idx').on(t.workspaceId, t.createdAt.desc()),
    index('scoring_jobs_open_idx')
      .on(t.createdAt)
      .where(sql`status IN ('queued', 'running')`),
  ],
);

/** Versioned routing rules: one draft at a time is edited and simulated, then published. */
export const routingRuleSets = pgTable(
  'routing_rule_sets',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'published', 'retired'] }).notNull(),
    note: text('note'),
    rules: jsonb('rules').$type<unknown[]>().notNull(),
    defaultTarget: jsonb('default_target').$type<Record<string, unknown>>().notNull(),
    /** A lead whose company already has an owner: to that owner, flagged for the manager, or ignored. */
    affinity: text('affinity', { enum: ['owner', 'flag', 'off'] })
      .notNull()
      .default('owner'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('routing_rule_sets_version_idx').on(t.workspaceId, t.version),
    uniqueIndex('routing_rule_sets_one_published_idx')
      .on(t.workspaceId)
      .where(sql`status = 'published'`),
  ],
);

/** Why a lead has its owner: every assignment, by the rules or by hand, with its explanation. */
export const leadAssignments = pgTable(
  'lead_assignments',
  {
    id: uuid('id').primaryKey(),
    /** Orders a lead's assignments made within one clock tick. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    kind: text('kind', { enum: ['rules', 'affinity', 'manual', 'transfer', 'handover'] }).notNull(),
    /** 0: the built-in default (the workspace's default team by round robin), before any set is published. */
    ruleSetVersion: integer('rule_set_version'),
    ruleId: text('rule_id'),
    strategy: text('strategy'),
    teamId: uuid('team_id'),
    chosenUserId: uuid('chosen_user_id'),
    previousOwnerId: uuid('previous_owner_id'),
    candidates: jsonb('candidates').$type<{ userId: string; score: number; excluded?: string }[]>().notNull(),
    /** Rules passed through, best-fit factors, an affinity flag: the rest of the explanation. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('lead_assignments_lead_idx').on(t.workspaceId, t.leadId, t.createdAt.desc()),
    index('lead_assignments_user_day_idx').on(t.workspaceId, t.chosenUserId, t.createdAt),
  ],
);

/** Open leads per rep, kept by a trigger on leads so that routing reads a rep's load in one row. */
export const repLoads = pgTable(
  'rep_loads',
  {
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    openLeads: integer('open_leads').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

/** What people did with a lead (a call, a WeChat, an e-mail, a visit, a note); the contact types by the owner are touches. */
export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    type: text('type', { enum: ['call', 'wechat', 'email', 'visit', 'note'] }).notNull(),
    summary: text('summary').notNull(),
    /** When it happened, as the user says; createdAt is when it was logged. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorType: text('actor_type', { enum: ['user', 'api_key', 'system'] }).notNull(),
    /** The user (or API key) who logged it. */
    actorId: uuid('actor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('activities_lead_idx').on(t.workspaceId, t.leadId, t.at.desc())],
);

/** Response-deadline policies (sla.schemas.ts): which leads, what targets, what happens on a breach. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    name: text('name').notNull(),
    active: boolean('active').notNull().default(true),
    priority: integer('priority').notNull(),
    when: jsonb('when').notNull(),
    targets: jsonb('targets').notNull(),
    ladder: jsonb('ladder').notNull(),
    ladders: jsonb('ladders').notNull(),
    needTags: text('need_tags').array().notNull().default([]),
    needTagsRequired: integer('need_tags_required').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sla_policies_workspace_idx').on(t.workspaceId, t.priority)],
);

/**
 * One step of a lead's deadline plan (a reminder or an at-deadline action), due at one instant.
 * Workers claim due pending rows with FOR UPDATE SKIP LOCKED and act and mark them done in one
 * transaction, so each step happens once whatever crashes or how many servers run.
 */
export const leadDeadlines = pgTable(
  'lead_deadlines',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    /** One planning of the lead (an assignment, a touch that starts the next follow-up). */
    planId: uuid('plan_id').notNull(),
    policyId: uuid('policy_id').notNull(),
    /** The owner the plan was made for; a step whose lead has changed hands is cancelled, not performed. */
    ownerId: uuid('owner_id'),
    target: text('target').notNull(),
    /** Stable within a plan: `firstTouch:remind:0.5`, `firstTouch:deadline:notify_owner`. */
    step: text('step').notNull(),
    action: text('action').notNull(),
    /** Order within the plan, for steps due at the same instant. */
    position: integer('position').notNull(),
    /** When the target's clock started, and its deadline. */
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** pending → done (performed), satisfied (target met first) or cancelled (the lead moved on). */
    state: text('state', { enum: ['pending', 'done', 'satisfied', 'cancelled'] })
      .notNull()
      .default('pending'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** Tries that failed and rolled back, with the last error; the step stays pending. */
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('lead_deadlines_plan_step_idx').on(t.planId, t.step),
    index('lead_deadlines_due_idx')
      .on(t.dueAt)
      .where(sql`state = 'pending'`),
    index('lead_deadlines_lead_idx').on(t.workspaceId, t.leadId, t.state),
    // The process board: an owner's deadlines that passed today or fall due within the hour.
    index('lead_deadlines_owner_deadline_idx').on(t.workspaceId, t.ownerId, t.deadline),
  ],
);

/**
 * Public pools (公海): where unowned leads wait to be claimed. A team's default pool (or the
 * workspace's, team_id null) takes the leads reclaimed from its reps. Visibility, admins and the
 * claim and reclaim knobs are the settings (pool.schemas.ts).
 */
export const pools = pgTable(
  'pools',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    name: text('name').notNull(),
    /** The team whose reclaimed leads it takes; null: a workspace-wide or regional pool. */
    teamId: uuid('team_id'),
    region: text('region'),
    isDefault: boolean('is_default').notNull().default(false),
    settings: jsonb('settings').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('pools_workspace_idx').on(t.workspaceId, t.name),
    // One default per team and one for the workspace (team_id null).
    uniqueIndex('pools_default_idx')
      .on(t.workspaceId, sql`coalesce(${t.teamId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`is_default`),
  ],
);

/**
 * Every move of a lead into or out of a pool: claims (a rep's daily count and the gap between
 * claims read them), releases and reclaims (a former owner's cool-down reads them), assignments
 * by a pool admin.
 */
export const poolMoves = pgTable(
  'pool_moves',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    poolId: uuid('pool_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    kind: text('kind', { enum: ['claim', 'release', 'assign', 'reclaim'] }).notNull(),
    /** The rep who gained the lead (claim, assign) or lost it (release, reclaim). */
    userId: uuid('user_id').notNull(),
    actorType: text('actor_type', { enum: ['user', 'api_key', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('pool_moves_user_idx').on(t.workspaceId, t.userId, t.kind, t.at.desc()),
    index('pool_moves_lead_idx').on(t.workspaceId, t.leadId, t.at.desc()),
  ],
);

/**
 * Business hours as a record (business-calendar.schemas.ts): a zone, weekly spans (a lunch break is
 * the gap between two), public holidays and make-up working days (调休). Deadlines of a lead count
 * business time in its owner's, else the owner's team's, else the workspace's default calendar.
 */
export const businessCalendars = pgTable(
  'business_calendars',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    weekly: jsonb('weekly').notNull(),
    hourSets: jsonb('hour_sets').notNull().default({}),
    holidays: text('holidays').array().notNull().default([]),
    makeUpWorkdays: jsonb('make_up_workdays').notNull().default([]),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('business_calendars_workspace_name_idx').on(t.workspaceId, t.name)],
);

/**
 * The in-app notification centre: one row per recipient per event, written in the statement that
 * queues the event's NOTIFY (realtime.ts), so a pop-up and its entry commit or roll back together.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    type: text('type').notNull(),
    /** The event's data (lead name, company…), what the list shows. */
    data: jsonb('data').notNull(),
    leadId: uuid('lead_id'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notifications_user_idx').on(t.workspaceId, t.userId, t.readAt, t.createdAt.desc(), t.id.desc())],
);

/** Where events go besides the app: group robots, signed webhooks, e-mail. A team's channel hears only its team's events. */
export const notificationChannels = pgTable(
  'notification_channels',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['wecom', 'dingtalk', 'feishu', 'webhook', 'email'] }).notNull(),
    /** The channel's ChannelConfig (notification.schemas.ts): url, secret, recipients. */
    config: jsonb('config').notNull(),
    /** Event patterns: names, `prefix.*`, `*`. */
    events: text('events').array().notNull(),
    teamId: uuid('team_id'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notification_channels_workspace_idx').on(t.workspaceId, t.active)],
);

/** A user's (user_id set) or a team's (team_id set) choices: events × channels, quiet hours. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id'),
    teamId: uuid('team_id'),
    /** UserPreferences for a user, NotificationPreferences for a team (notification.schemas.ts). */
    preferences: jsonb('preferences').notNull(),
    /**
     * Whether these preferences name e-mail anywhere (channels or a byEvent entry): the write path
     * looks for personal e-mail only in workspaces with such a row, through the partial index below.
     */
    wantsEmail: boolean('wants_email')
      .notNull()
      .generatedAlwaysAs(
        sql`coalesce((preferences->'channels') ? 'email', false) OR jsonb_path_exists(preferences, '$.byEvent.*[*] ? (@ == "email")')`,
      ),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notification_preferences_email_idx')
      .on(t.workspaceId)
      .where(sql`wants_email`),
    uniqueIndex('notification_preferences_user_idx')
      .on(t.workspaceId, t.userId)
      .where(sql`user_id IS NOT NULL`),
    uniqueIndex('notification_preferences_team_idx')
      .on(t.workspaceId, t.teamId)
      .where(sql`team_id IS NOT NULL`),
  ],
);

/**
 * One event to one channel, with its attempts. Workers claim due pending rows with FOR UPDATE
 * SKIP LOCKED, so each is sent once however many instances run.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull(),
    /** The admin-configured channel; null for a personal e-mail to `recipient`. */
    channelId: uuid('channel_id'),
    /** A personal delivery's address (the user's own e-mail, from their preferences). */
    recipient: text('recipient'),
    /** The user the event was about (their preferences' quiet hours apply); null for a test send. */
    userId: uuid('user_id'),
    event: text('event').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    responseCode: integer('response_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notification_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`status IN ('pending', 'failed')`),
    index('notification_deliveries_log_idx').on(t.workspaceId, t.createdAt.desc(), t.id),
  ],
);

/** A sales pipeline (per product line); every workspace starts with the default one (pipeline.rules.ts). */
export const pipelines = pgTable(
  'pipelines',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    productLine: text('product_line'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('pipelines_workspace_idx').on(t.workspaceId, t.name),
    uniqueIndex('pipelines_default_idx')
      .on(t.workspaceId)
      .where(sql`is_default`),
  ],
);

/**
 * A stage of a pipeline. Required fields must be filled to enter (or pass over) it; required
 * tasks (its templates' keys) must be done to leave (or pass over) it.
 */
export const pipelineStages = pgTable(
  'pipeline_stages',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    position: integer('position').notNull(),
    /** 0–1; the forecast replaces it with calibrated figures. */
    winProbability: real('win_probability').notNull().default(0),
    requiredFields: text('required_fields').array().notNull().default([]),
    requiredTasks: text('required_tasks').array().notNull().default([]),
    taskTemplates: jsonb('task_templates').notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index('pipeline_stages_pipeline_idx').on(t.workspaceId, t.pipelineId, t.position)],
);

/** A customer company; leads of the same company (company match key) link to one account. */
export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    name: text('name').notNull(),
    companyKey: text('company_key'),
    ownerId: uuid('owner_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('accounts_company_key_idx')
      .on(t.workspaceId, t.companyKey)
      .where(sql`company_key IS NOT NULL`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    leadId: uuid('lead_id'),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    title: text('title'),
    createdAt: createdAt(),
  },
  (t) => [index('contacts_account_idx').on(t.workspaceId, t.accountId)],
);

/** A deal (商机) converted from a lead; one per lead. The three requirement elements are columns. */
export const deals = pgTable(
  'deals',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    accountId: uuid('account_id').notNull(),
    contactId: uuid('contact_id'),
    pipelineId: uuid('pipeline_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true }).notNull(),
    ownerId: uuid('owner_id'),
    teamId: uuid('team_id'),
    name: text('name').notNull(),
    amount: numeric('amount', { precision: 16, scale: 2, mode: 'number' }),
    product: text('product'),
    expectedCloseAt: timestamp('expected_close_at', { withTimezone: true }),
    existingSystems: text('existing_systems'),
    decisionProcess: text('decision_process'),
    acceptanceCriteria: text('acceptance_criteria'),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('deals_lead_idx').on(t.workspaceId, t.leadId),
    index('deals_owner_idx').on(t.workspaceId, t.ownerId),
    index('deals_account_idx').on(t.workspaceId, t.accountId),
  ],
);

/** Each stay of a deal in a stage; a move closes the open row and opens the next. */
export const dealStageHistory = pgTable(
  'deal_stage_history',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    dealId: uuid('deal_id').notNull(),
    /** 1, 2, … per deal: the order of stays, also when several start in the same instant. */
    seq: integer('seq').notNull(),
    stageId: uuid('stage_id').notNull(),
    fromStageId: uuid('from_stage_id'),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    /** Entered over an unmet gate or past other stages: the reason given. */
    skipped: boolean('skipped').notNull().default(false),
    skipReason: text('skip_reason'),
    skippedStageIds: uuid('skipped_stage_ids').array().notNull().default([]),
    /** What was missing when the move was made with a reason ({fields, tasks}). */
    missing: jsonb('missing'),
    actorType: text('actor_type', { enum: ['user', 'api_key', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
  },
  (t) => [uniqueIndex('deal_stage_history_deal_idx').on(t.workspaceId, t.dealId, t.seq)],
);

/** Tasks a stage's templates create when a deal enters it; one per deal, stage and template key. */
export const dealTasks = pgTable(
  'deal_tasks',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    dealId: uuid('deal_id').notNull(),
    stageId: uuid('stage_id').notNull(),
    key: text('key').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    talkTrack: text('talk_track'),
    ownerId: uuid('owner_id'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['open', 'done'] })
      .notNull()
      .default('open'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: uuid('completed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('deal_tasks_stage_key_idx').on(t.dealId, t.stageId, t.key),
    index('deal_tasks_owner_idx').on(t.workspaceId, t.ownerId, t.status, t.dueAt),
  ],
);
