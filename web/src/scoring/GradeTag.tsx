import { Tag, Tooltip } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { GRADE_LOOK, URGENCY_TAG, urgencyLabel } from './scoringLabels';
import type { Grade, UrgencyLevel } from './scoring.types';

export function GradeTag({ grade, score }: { grade: Grade; score?: number }) {
  const t = useT();
  return (
    <Tag color={GRADE_LOOK[grade].tag} data-grade={grade} title={t('scoring.gradeTitle', { grade })}>
      {score === undefined ? grade : `${grade} · ${score}`}
    </Tag>
  );
}

/** Nothing for normal urgency: only a raised one deserves a badge in a list. */
export function UrgencyTag({ urgency, reason }: { urgency: UrgencyLevel; reason?: string | null }) {
  const t = useT();
  if (urgency === 'normal') return null;
  const tag = (
    <Tag color={URGENCY_TAG[urgency]} data-urgency={urgency}>
      {t(urgencyLabel[urgency])}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

export const formatProbability = (probability: number) => `${Math.round(probability * 100)}%`;
