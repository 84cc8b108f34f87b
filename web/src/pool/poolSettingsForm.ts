import type { PoolSettings } from './pool.api';

const DAY = 86_400;
const MINUTE = 60;

/** The form's view of the knobs: durations in days (the gap in minutes), null or empty for off. */
export interface PoolSettingsValues {
  claimsPerDay: number | null;
  maxHeld: number | null;
  countWon: boolean;
  minGapMinutes: number | null;
  cooldownDays: number | null;
  protectionOn: boolean;
  protectionBaseDays: number | null;
  protectionPerActivityDays: number | null;
  protectionCapDays: number | null;
  reclaimNoFollowUpDays: number | null;
  reclaimNoProgressDays: number | null;
  maskContacts: boolean;
  visibleTeamIds: string[];
  adminUserIds: string[];
  timeZone: string;
}

const toUnit = (seconds: number | null, unit: number) => (seconds === null ? null : seconds / unit);
const fromUnit = (value: number | null | undefined, unit: number) =>
  value === null || value === undefined ? null : Math.max(1, Math.round(value * unit));

export function toFormValues(settings: PoolSettings): PoolSettingsValues {
  return {
    claimsPerDay: settings.claimsPerDay,
    maxHeld: settings.maxHeld,
    countWon: settings.countWon,
    minGapMinutes: toUnit(settings.minGapSeconds, MINUTE),
    cooldownDays: toUnit(settings.cooldownSeconds, DAY),
    protectionOn: settings.protection !== null,
    protectionBaseDays: toUnit(settings.protection?.baseSeconds ?? null, DAY),
    protectionPerActivityDays: toUnit(settings.protection?.perActivitySeconds ?? null, DAY),
    protectionCapDays: toUnit(settings.protection?.capSeconds ?? null, DAY),
    reclaimNoFollowUpDays: toUnit(settings.reclaimWithoutFollowUpSeconds, DAY),
    reclaimNoProgressDays: toUnit(settings.reclaimWithoutProgressSeconds, DAY),
    maskContacts: settings.maskContacts,
    // An empty choice means every team, which the API spells null.
    visibleTeamIds: settings.visibleTeamIds ?? [],
    adminUserIds: settings.adminUserIds,
    timeZone: settings.timeZone,
  };
}

export function toSettings(values: PoolSettingsValues): PoolSettings {
  const base = fromUnit(values.protectionBaseDays, DAY);
  return {
    claimsPerDay: values.claimsPerDay ?? null,
    maxHeld: values.maxHeld ?? null,
    countWon: values.countWon,
    minGapSeconds: fromUnit(values.minGapMinutes, MINUTE),
    cooldownSeconds: fromUnit(values.cooldownDays, DAY),
    protection:
      values.protectionOn && base !== null
        ? {
            baseSeconds: base,
            perActivitySeconds: Math.round((values.protectionPerActivityDays ?? 0) * DAY),
            capSeconds: fromUnit(values.protectionCapDays, DAY) ?? base,
          }
        : null,
    reclaimWithoutFollowUpSeconds: fromUnit(values.reclaimNoFollowUpDays, DAY),
    reclaimWithoutProgressSeconds: fromUnit(values.reclaimNoProgressDays, DAY),
    maskContacts: values.maskContacts,
    visibleTeamIds: values.visibleTeamIds.length > 0 ? values.visibleTeamIds : null,
    adminUserIds: values.adminUserIds,
    timeZone: values.timeZone.trim() || 'Asia/Shanghai',
  };
}
