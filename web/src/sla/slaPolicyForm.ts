import { SLA_TARGETS } from './sla.types';
import type { DeadlineAction, SlaPolicy, SlaPolicyInput, SlaTargetName } from './sla.types';
import type { ChannelType } from '../channels/channels.types';
import type { Grade, UrgencyLevel } from '../scoring/scoring.types';

export const DURATION_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
const UNIT_SECONDS: Record<DurationUnit, number> = { seconds: 1, minutes: 60, hours: 3_600, days: 86_400 };

export interface TargetRow {
  enabled: boolean;
  amount: number;
  unit: DurationUnit;
  businessTime: boolean;
  /** Empty: the policy's ladder applies. */
  ownActions: DeadlineAction[];
}

export interface SlaPolicyForm {
  name: string;
  priority: number;
  active: boolean;
  grades: Grade[];
  urgencies: UrgencyLevel[];
  channelTypes: ChannelType[];
  teamIds: string[];
  targets: Record<SlaTargetName, TargetRow>;
  reminderPercents: number[];
  atDeadline: DeadlineAction[];
  needTags: string[];
  needTagsRequired: number;
}

/** Seed 002's 5-30-120 as the starting point of a new policy. */
const NEW_POLICY_MINUTES: Partial<Record<SlaTargetName, number>> = { assign: 5, firstTouch: 30, firstNeedTags: 120 };

/** The largest unit that expresses the seconds exactly, so 1800 reads as 30 minutes, 90 as 90 seconds. */
export function splitDuration(seconds: number): { amount: number; unit: DurationUnit } {
  const unit = [...DURATION_UNITS].reverse().find((candidate) => seconds % UNIT_SECONDS[candidate] === 0) ?? 'seconds';
  return { amount: seconds / UNIT_SECONDS[unit], unit };
}

export function toSeconds(amount: number, unit: DurationUnit): number {
  return Math.round(amount * UNIT_SECONDS[unit]);
}

export function policyToForm(policy: SlaPolicy | null): SlaPolicyForm {
  const targets = Object.fromEntries(
    SLA_TARGETS.map((name) => {
      const target = policy?.targets[name];
      const minutes = policy ? undefined : NEW_POLICY_MINUTES[name];
      const seconds = target?.seconds ?? (minutes ?? 60) * 60;
      return [
        name,
        {
          enabled: target !== undefined || minutes !== undefined,
          ...splitDuration(seconds),
          businessTime: target?.businessTime ?? true,
          ownActions: policy?.ladders[name]?.atDeadline ?? [],
        },
      ];
    }),
  ) as Record<SlaTargetName, TargetRow>;
  return {
    name: policy?.name ?? '',
    priority: policy?.priority ?? 100,
    active: policy?.active ?? true,
    grades: policy?.when.grades ?? [],
    urgencies: policy?.when.urgencies ?? [],
    channelTypes: policy?.when.channelTypes ?? [],
    teamIds: policy?.when.teamIds ?? [],
    targets,
    reminderPercents: (policy?.ladder.reminders ?? [0.5, 0.8]).map((fraction) => Math.round(fraction * 100)),
    atDeadline: policy?.ladder.atDeadline ?? ['notify_owner'],
    needTags: policy?.needTags ?? [],
    needTagsRequired: policy?.needTagsRequired ?? 1,
  };
}

const listOrAbsent = <T>(values: T[]): T[] | undefined => (values.length > 0 ? values : undefined);

/** The form as the API's policy; a target's own ladder keeps the policy's reminders. */
export function formToInput(form: SlaPolicyForm, existing: SlaPolicy | null): SlaPolicyInput {
  const reminders = [...new Set(form.reminderPercents)].sort((a, b) => a - b).map((percent) => percent / 100);
  const enabled = SLA_TARGETS.filter((name) => form.targets[name].enabled);
  // The ladder runs its actions in the order they were picked.
  const inDeadlineOrder = (actions: DeadlineAction[]) => [...new Set(actions)];
  return {
    name: form.name.trim(),
    priority: form.priority,
    active: form.active,
    when: {
      grades: listOrAbsent(form.grades),
      urgencies: listOrAbsent(form.urgencies),
      channelTypes: listOrAbsent(form.channelTypes),
      // Channels picked by id are not edited here; keep what the API set.
      channelIds: existing?.when.channelIds,
      teamIds: listOrAbsent(form.teamIds),
    },
    targets: Object.fromEntries(
      enabled.map((name) => {
        const row = form.targets[name];
        return [name, { seconds: toSeconds(row.amount, row.unit), businessTime: row.businessTime }];
      }),
    ),
    ladder: { reminders, atDeadline: inDeadlineOrder(form.atDeadline) },
    ladders: Object.fromEntries(
      enabled
        .filter((name) => form.targets[name].ownActions.length > 0)
        .map((name) => [name, { reminders, atDeadline: inDeadlineOrder(form.targets[name].ownActions) }]),
    ),
    needTags: form.needTags.map((tag) => tag.trim()).filter(Boolean),
    needTagsRequired: form.needTagsRequired,
  };
}
