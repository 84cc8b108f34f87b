import { eq, and } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { scoringModels } from '../../platform/db/schema.ts';
import type { TtlCache } from '../../platform/ttl-cache.ts';
import type { FieldDefinition } from '../fields/field.rules.ts';
import { intakeSettings, type IntakeSettingsDeps } from '../intake/intake-settings.ts';
import { leadFeatures, type ScoringEvent } from './features.rules.ts';
import type { FeatureRecord, Prediction } from './learner/learner.types.ts';
import { loadPredictor } from './model.adapter.ts';
import { eventHorizonDays, scoreLead, type LeadScore, type RuleLead } from './scoring.rules.ts';
import { loadScoringConfig, type StoredScoringConfig } from './scoring.repository.ts';

/** The active model, ready to predict. */
export interface ActiveModel {
  id: string;
  /** Features the model was trained without (post-contact fields and the admin's exclusions). */
  exclude: ReadonlySet<string>;
  predict(record: FeatureRecord): Prediction;
}

/** Everything needed to score the workspace's leads, read once and kept until something changes. */
export interface WorkspaceScoring {
  config: StoredScoringConfig;
  fields: readonly FieldDefinition[];
  model: ActiveModel | null;
  /** How many days of events scoring reads (the longest window). */
  horizonDays: number;
  score(lead: RuleLead, events: readonly ScoringEvent[], now: Date): LeadScore;
}

export function makeWorkspaceScoring(
  config: Pick<StoredScoringConfig, 'pointRules' | 'urgencyRules' | 'settings'> & Partial<StoredScoringConfig>,
  fields: readonly FieldDefinition[],
  model: ActiveModel | null,
): WorkspaceScoring {
  return {
    config: { activeModelId: model?.id ?? null, ...config },
    fields,
    model,
    horizonDays: eventHorizonDays(config.pointRules, config.urgencyRules),
    score(lead, events, now) {
      const prediction = model ? model.predict(leadFeatures(lead, fields, events, now, model.exclude)) : null;
      return scoreLead(
        {
          lead,
          events,
          pointRules: config.pointRules,
          urgencyRules: config.urgencyRules,
          settings: config.settings,
          prediction,
        },
        now,
      );
    },
  };
}

export interface ScoringCacheDeps extends IntakeSettingsDeps {
  clock: Clock;
  /** By workspace; every instance drops an entry when rules, settings, fields or the active model change. */
  scoringCache: TtlCache<WorkspaceScoring>;
}

export async function workspaceScoring(deps: ScoringCacheDeps, workspaceId: string): Promise<WorkspaceScoring> {
  const cached = deps.scoringCache.get(workspaceId);
  if (cached) return cached;
  const generation = deps.scoringCache.generation();
  const [config, settings] = await Promise.all([
    loadScoringConfig(deps.db, workspaceId, deps.clock.now()),
    intakeSettings(deps, workspaceId),
  ]);
  const model = config.activeModelId ? await loadActiveModel(deps.db, workspaceId, config.activeModelId) : null;
  const scoring = makeWorkspaceScoring(config, settings.fields, model);
  if (deps.scoringCache.generation() === generation) deps.scoringCache.set(workspaceId, scoring);
  return scoring;
}

async function loadActiveModel(db: Db, workspaceId: string, id: string): Promise<ActiveModel | null> {
  const [row] = await db
    .select({ model: scoringModels.model, exclude: scoringModels.exclude })
    .from(scoringModels)
    .where(and(eq(scoringModels.workspaceId, workspaceId), eq(scoringModels.id, id), eq(scoringModels.status, 'ready')));
  if (!row?.model) return null;
  return { id, exclude: new Set(row.exclude), predict: loadPredictor(row.model) };
}
