import { PlusOutlined } from '@ant-design/icons';
import { Button, Divider, Flex, Form, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import type { FieldChoice } from './conditionFields';
import { ConditionEditor } from './ConditionEditor';
import { newCondition, pointRuleProblems, urgencyRuleProblems, type Problems } from './scoringDraft';
import { groupLabel, urgencyLabel } from './scoringLabels';
import { RAISED_URGENCY_LEVELS, RULE_GROUPS, type Condition, type PointRule, type UrgencyRule } from './scoring.types';

const MAX_CONDITIONS = 10;

export type EditedRule = { kind: 'point'; rule: PointRule } | { kind: 'urgency'; rule: UrgencyRule };

/** The problems of condition `index`, by their path inside it. */
function conditionProblems(problems: Problems, index: number): Problems {
  const prefix = `when.${index}.`;
  const inside: Problems = {};
  for (const [path, key] of Object.entries(problems)) {
    if (path.startsWith(prefix)) inside[path.slice(prefix.length)] = key;
  }
  return inside;
}

interface RuleEditorModalProps {
  edited: EditedRule;
  isNew: boolean;
  catalog: readonly FieldChoice[];
  onSave: (edited: EditedRule) => void;
  onClose: () => void;
}

/** Adds or edits one rule of the draft; nothing reaches the server until the rule set is saved. */
export function RuleEditorModal({ edited: initial, isNew, catalog, onSave, onClose }: RuleEditorModalProps) {
  const t = useT();
  const [edited, setEdited] = useState<EditedRule>(initial);
  // Problems are shown once the admin has tried to apply the rule, not while they are still typing.
  const [tried, setTried] = useState(false);
  const problems = edited.kind === 'point' ? pointRuleProblems(edited.rule) : urgencyRuleProblems(edited.rule);
  const shown = tried ? problems : {};
  const { rule } = edited;

  const patch = (changes: Partial<PointRule> & Partial<UrgencyRule>) =>
    setEdited((current) =>
      current.kind === 'point'
        ? { kind: 'point', rule: { ...current.rule, ...changes } }
        : { kind: 'urgency', rule: { ...current.rule, ...changes } },
    );
  const setConditions = (when: Condition[]) => patch({ when });

  const apply = () => {
    setTried(true);
    if (Object.keys(problems).length === 0) onSave(edited);
  };

  const help = (path: string) => (shown[path] ? t(shown[path]) : undefined);
  const status = (path: string) => (shown[path] ? ('error' as const) : undefined);

  return (
    <Modal
      open
      width={960}
      title={t(
        edited.kind === 'point'
          ? isNew
            ? 'scoring.rule.addPoint'
            : 'scoring.rule.editPoint'
          : isNew
            ? 'scoring.rule.addUrgency'
            : 'scoring.rule.editUrgency',
      )}
      okText={t('scoring.rule.apply')}
      cancelText={t('common.cancel')}
      onOk={apply}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'scoring-rule-apply' }}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <Flex gap="middle" wrap>
          <Form.Item
            label={t('scoring.rule.name')}
            validateStatus={status('name')}
            help={help('name')}
            style={{ flex: 1, minWidth: 240 }}
          >
            <Input
              value={rule.name}
              onChange={(event) => patch({ name: event.target.value })}
              maxLength={100}
              data-testid="scoring-rule-name"
            />
          </Form.Item>
          {edited.kind === 'point' ? (
            <>
              <Form.Item label={t('scoring.rule.group')}>
                <Select
                  value={edited.rule.group}
                  onChange={(group) => patch({ group })}
                  options={RULE_GROUPS.map((group) => ({ value: group, label: t(groupLabel[group]) }))}
                  style={{ width: 150 }}
                  data-testid="scoring-rule-group"
                />
              </Form.Item>
              <Form.Item label={t('scoring.rule.points')} validateStatus={status('points')} help={help('points')}>
                <InputNumber
                  value={Number.isFinite(edited.rule.points) ? edited.rule.points : null}
                  onChange={(points) => patch({ points: points ?? Number.NaN })}
                  min={-100}
                  max={100}
                  precision={0}
                  style={{ width: 110 }}
                  data-testid="scoring-rule-points"
                />
              </Form.Item>
            </>
          ) : (
            <Form.Item label={t('scoring.rule.level')}>
              <Select
                value={edited.rule.level}
                onChange={(level) => patch({ level })}
                options={RAISED_URGENCY_LEVELS.map((level) => ({ value: level, label: t(urgencyLabel[level]) }))}
                style={{ width: 150 }}
                data-testid="scoring-rule-level"
              />
            </Form.Item>
          )}
          <Form.Item label={t('scoring.rule.active')}>
            <Switch checked={rule.active} onChange={(active) => patch({ active })} data-testid="scoring-rule-active" />
          </Form.Item>
        </Flex>
      </Form>
      <Divider titlePlacement="start" plain>
        {t('scoring.rule.conditions')}
      </Divider>
      <Typography.Paragraph type="secondary">{t('scoring.rule.allMustHold')}</Typography.Paragraph>
      <Flex vertical gap="middle">
        {rule.when.map((condition, index) => (
          <ConditionEditor
            key={index}
            condition={condition}
            catalog={catalog}
            problems={conditionProblems(shown, index)}
            onChange={(next) => setConditions(rule.when.map((item, at) => (at === index ? next : item)))}
            onRemove={rule.when.length > 1 ? () => setConditions(rule.when.filter((_, at) => at !== index)) : undefined}
            testId={`scoring-condition-${index}`}
          />
        ))}
        {shown.when && <Typography.Text type="danger">{t(shown.when)}</Typography.Text>}
        <div>
          <Button
            icon={<PlusOutlined />}
            onClick={() => setConditions([...rule.when, newCondition('field')])}
            disabled={rule.when.length >= MAX_CONDITIONS}
            data-testid="scoring-condition-add"
          >
            {t('scoring.condition.add')}
          </Button>
        </div>
      </Flex>
    </Modal>
  );
}
