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
import { loadScoringConfig } from './scoring.repository.ts';
import type { PointRuleInput, ScoringSettings, UrgencyRuleInput } from './scoring.schemas.ts';

/** The active model, ready to predict. */
export interface ActiveModel {
  id: string;
  /** Features the model was trained without (post-contact fields and the admin's exclusions). */
  exclude: ReadonlySet<string>;
  predict(record: FeatureRecord): Prediction;
}

/** Everything needed to score the workspace's leads, read once and kept until something changes. */
export interface RuleSet {
  pointRules: readonly PointRuleInput[];
  urgencyRules: readonly UrgencyRuleInput[];
  settings: ScoringSettings;
}

export interface WorkspaceScoring {
  config: RuleSet & { activeModelId: string | null };
  fields: readonly FieldDefinition[];
  /** Channel id → type, for rules on the channel type. */
  channelTypes: ReadonlyMap<string, string>;
  model: ActiveModel | null;
  /** How many days of events scoring reads (the longest window). */
  horizonDays: number;
  /** The lead's channel type is looked up from its channel id when the lead does not carry it. */
  score(lead: RuleLead, events: readonly ScoringEvent[], now: Date): LeadScore;
}

export function makeWorkspaceScoring(
  config: RuleSet,
  fields: readonly FieldDefinition[],
  channelTypes: ReadonlyMap<string, string>,
  model: ActiveModel | null,
): WorkspaceScoring {
  return {
    config: {
      pointRules: config.pointRules,
      urgencyRules: config.urgencyRules,
      settings: config.settings,
      activeModelId: model?.id ?? null,
    },
    fields,
    channelTypes,
    model,
    horizonDays: eventHorizonDays(config.pointRules, config.urgencyRules),
    score(subject, events, now) {
      const lead =
        subject.channelType === undefined && subject.channelId
          ? { ...subject, channelType: channelTypes.get(subject.channelId) ?? null }
          : subject;
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

/** Callers that miss together (an expired entry under load) share one read. */
export async function workspaceScoring(deps: ScoringCacheDeps, workspaceId: string): Promise<WorkspaceScoring> {
  return (await deps.scoringCache.load(workspaceId, async () => {
    const [config, settings] = await Promise.all([
      loadScoringConfig(deps.db, workspaceId, deps.clock.now()),
      intakeSettings(deps, workspaceId),
    ]);
    const model = config.activeModelId ? await loadActiveModel(deps.db, workspaceId, config.activeModelId) : null;
    const channelTypes = new Map([...settings.channels.values()].map((channel) => [channel.id, channel.type]));
    return makeWorkspaceScoring(config, settings.fields, channelTypes, model);
  }))!;
}

async function loadActiveModel(db: Db, workspaceId: string, id: string): Promise<ActiveModel | null> {
  const [row] = await db
    .select({ model: scoringModels.model, exclude: scoringModels.exclude })
    .from(scoringModels)
    .where(
      and(eq(scoringModels.workspaceId, workspaceId), eq(scoringModels.id, id), eq(scoringModels.status, 'ready')),
    );
  if (!row?.model) return null;
  return { id, exclude: new Set(row.exclude), predict: loadPredictor(row.model) };
}
