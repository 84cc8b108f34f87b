import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { channels, channelTagRules, customFields, workspaces } from '../../platform/db/schema.ts';
import type { TtlCache } from '../../platform/ttl-cache.ts';
import type { TagRule } from '../channels/channel.rules.ts';
import type { FieldDefinition } from '../fields/field.rules.ts';
import type { DedupePolicy } from './intake.rules.ts';

export interface ChannelSummary {
  id: string;
  type: string;
  name: string;
  campaign: string | null;
  active: boolean;
  dedupePolicy: DedupePolicy;
}

/** What every submission is checked and tagged against: configured rarely, read constantly. */
export interface IntakeSettings {
  fields: FieldDefinition[];
  channels: Map<string, ChannelSummary>;
  tagRules: TagRule[];
  /** How alike two company names must be for the same name to mean the same person. */
  companyMatchThreshold: number;
}

export interface IntakeSettingsDeps {
  db: Db;
  /** By workspace; every instance drops an entry when fields, channels or tag rules change. */
  settingsCache: TtlCache<IntakeSettings>;
}

export async function intakeSettings(deps: IntakeSettingsDeps, workspaceId: string): Promise<IntakeSettings> {
  return (await deps.settingsCache.load(workspaceId, () => loadIntakeSettings(deps.db, workspaceId)))!;
}

async function loadIntakeSettings(db: Db, workspaceId: string): Promise<IntakeSettings> {
  const [fieldRows, channelRows, ruleRows, workspaceRows] = await Promise.all([
    db
      .select({
        name: customFields.name,
        type: customFields.type,
        options: customFields.options,
        entity: customFields.entity,
      })
      .from(customFields)
      .where(eq(customFields.workspaceId, workspaceId)),
    db
      .select({
        id: channels.id,
        type: channels.type,
        name: channels.name,
        campaign: channels.campaign,
        active: channels.active,
        dedupePolicy: channels.dedupePolicy,
      })
      .from(channels)
      .where(eq(channels.workspaceId, workspaceId)),
    db
      .select({ when: channelTagRules.when, tags: channelTagRules.tags })
      .from(channelTagRules)
      .where(eq(channelTagRules.workspaceId, workspaceId))
      .orderBy(asc(channelTagRules.position)),
    db.select({ threshold: workspaces.companyMatchThreshold }).from(workspaces).where(eq(workspaces.id, workspaceId)),
  ]);
  return {
    fields: fieldRows.filter((field) => field.entity === 'lead'),
    channels: new Map(channelRows.map((channel) => [channel.id, channel])),
    tagRules: ruleRows,
    companyMatchThreshold: workspaceRows[0]?.threshold ?? 0.5,
  };
}
