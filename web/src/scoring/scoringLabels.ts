import type { MessageKey } from '../i18n/zh-CN';
import type { Grade, ModelStatus, RuleGroup, ScoringMode, UrgencyLevel } from './scoring.types';

export const groupLabel: Record<RuleGroup, MessageKey> = {
  fit: 'scoring.group.fit',
  engagement: 'scoring.group.engagement',
  bant: 'scoring.group.bant',
};

export const urgencyLabel: Record<UrgencyLevel, MessageKey> = {
  normal: 'scoring.urgency.normal',
  high: 'scoring.urgency.high',
  critical: 'scoring.urgency.critical',
};

export const modeLabel: Record<ScoringMode, MessageKey> = {
  rules: 'scoring.mode.rules',
  model: 'scoring.mode.model',
  blend: 'scoring.mode.blend',
};

export const modeHint: Record<ScoringMode, MessageKey> = {
  rules: 'scoring.settings.modeHint.rules',
  model: 'scoring.settings.modeHint.model',
  blend: 'scoring.settings.modeHint.blend',
};

export const modelStatusLabel: Record<ModelStatus, MessageKey> = {
  training: 'scoring.model.status.training',
  ready: 'scoring.model.status.ready',
  failed: 'scoring.model.status.failed',
};

/** antd Tag presets and the same hues as hex, for charts: A is the best lead, D the least promising. */
export const GRADE_LOOK: Record<Grade, { tag: string; hex: string }> = {
  A: { tag: 'green', hex: '#52c41a' },
  B: { tag: 'blue', hex: '#1677ff' },
  C: { tag: 'gold', hex: '#faad14' },
  D: { tag: 'default', hex: '#bfbfbf' },
};

export const URGENCY_TAG: Record<UrgencyLevel, string> = { normal: 'default', high: 'orange', critical: 'red' };
