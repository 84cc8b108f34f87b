import { Card, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import type { FieldChoice } from './conditionFields';
import { RuleEditorModal } from './RuleEditorModal';
import { RulesTable } from './RulesTable';
import { newPointRule, newUrgencyRule } from './scoringDraft';
import { groupLabel } from './scoringLabels';
import { UrgencyTag } from './GradeTag';
import type { PointRule, UrgencyRule } from './scoring.types';

interface RuleCardProps<R> {
  rules: R[];
  onChange: (rules: R[]) => void;
  catalog: readonly FieldChoice[];
}

export function PointRulesCard({ rules, onChange, catalog }: RuleCardProps<PointRule>) {
  const t = useT();
  return (
    <Card size="small" title={t('scoring.pointRules.title')}>
      <Typography.Paragraph type="secondary">{t('scoring.pointRules.explain')}</Typography.Paragraph>
      <RulesTable<PointRule>
        rules={rules}
        onChange={onChange}
        catalog={catalog}
        newRule={newPointRule}
        addLabel={t('scoring.rule.addPoint')}
        emptyText={t('scoring.pointRules.empty')}
        testId="scoring-point-rules"
        effect={{
          title: t('scoring.rule.points'),
          render: (rule) => (
            <Typography.Text type={rule.points < 0 ? 'danger' : 'success'}>
              {rule.points > 0 ? `+${rule.points}` : rule.points} · {t(groupLabel[rule.group])}
            </Typography.Text>
          ),
        }}
        renderEditor={({ rule, isNew, save, close }) => (
          <RuleEditorModal
            edited={{ kind: 'point', rule }}
            isNew={isNew}
            catalog={catalog}
            onSave={(edited) => edited.kind === 'point' && save(edited.rule)}
            onClose={close}
          />
        )}
      />
    </Card>
  );
}

export function UrgencyRulesCard({ rules, onChange, catalog }: RuleCardProps<UrgencyRule>) {
  const t = useT();
  return (
    <Card size="small" title={t('scoring.urgencyRules.title')}>
      <Typography.Paragraph type="secondary">{t('scoring.urgencyRules.explain')}</Typography.Paragraph>
      <RulesTable<UrgencyRule>
        rules={rules}
        onChange={onChange}
        catalog={catalog}
        newRule={newUrgencyRule}
        addLabel={t('scoring.rule.addUrgency')}
        emptyText={t('scoring.urgencyRules.empty')}
        testId="scoring-urgency-rules"
        effect={{ title: t('scoring.rule.level'), render: (rule) => <UrgencyTag urgency={rule.level} /> }}
        renderEditor={({ rule, isNew, save, close }) => (
          <RuleEditorModal
            edited={{ kind: 'urgency', rule }}
            isNew={isNew}
            catalog={catalog}
            onSave={(edited) => edited.kind === 'urgency' && save(edited.rule)}
            onClose={close}
          />
        )}
      />
    </Card>
  );
}
