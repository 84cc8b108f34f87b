import { CloudUploadOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Select, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import type { FieldChoice } from '../scoring/conditionFields';
import { publishRuleSet, saveDraft } from './routing.api';
import {
  AFFINITY_POLICIES,
  type RoutingRule,
  type RoutingTeam,
  type RoutingUser,
  type RuleSetBody,
  type RuleSetView,
} from './routing.types';
import { RuleCard } from './RuleCard';
import { draftFrom, draftProblems, moveItem, newRule, sendableBody } from './ruleDraft';
import { TargetPicker } from './TargetPicker';

interface RuleSetEditorProps {
  set: RuleSetView;
  catalog: readonly FieldChoice[];
  teams: readonly RoutingTeam[];
  users: readonly RoutingUser[];
  /** Only admins write rule sets; a manager reads them. */
  canEdit: boolean;
  onChanged: (set: RuleSetView) => void;
}

/** A version's rules in order; a draft is edited here, saved whole and published, the others are shown read-only. */
export function RuleSetEditor({ set, catalog, teams, users, canEdit, onChanged }: RuleSetEditorProps) {
  const t = useT();
  const { message } = App.useApp();
  const readOnly = set.status !== 'draft' || !canEdit;
  // Null while nothing is edited: the stored version is what is shown.
  const [edited, setEdited] = useState<RuleSetBody | null>(null);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const draft = edited ?? draftFrom(set);
  const problems = draftProblems(draft);
  const change = (changes: Partial<RuleSetBody>) => setEdited({ ...draft, ...changes });
  const setRules = (rules: RoutingRule[]) => change({ rules });
  const firstTeam = teams[0]?.id ?? '';

  const run = async (kind: 'save' | 'publish') => {
    setBusy(kind);
    try {
      const next =
        kind === 'save' ? await saveDraft(set.version, sendableBody(draft)) : await publishRuleSet(set.version);
      setEdited(null);
      onChanged(next);
      message.success(t(kind === 'save' ? 'routing.saved' : 'routing.published', { version: set.version }));
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex vertical gap="middle" data-testid="routing-rule-set" data-version={set.version} data-status={set.status}>
      {readOnly && (
        <Alert
          type="info"
          showIcon
          title={t(set.status === 'draft' ? 'routing.readOnly.adminOnly' : `routing.readOnly.${set.status}`)}
        />
      )}
      {draft.rules.length === 0 && <Typography.Text type="secondary">{t('routing.rules.empty')}</Typography.Text>}
      {draft.rules.map((rule, index) => (
        <RuleCard
          key={rule.id}
          rule={rule}
          index={index}
          count={draft.rules.length}
          catalog={catalog}
          teams={teams}
          users={users}
          readOnly={readOnly}
          onChange={(next) => setRules(draft.rules.map((r, i) => (i === index ? next : r)))}
          onMove={(to) => setRules(moveItem(draft.rules, index, to))}
          onRemove={() => setRules(draft.rules.filter((_, i) => i !== index))}
        />
      ))}
      {!readOnly && (
        <Button
          type="dashed"
          icon={<PlusOutlined />}
          onClick={() => setRules([...draft.rules, newRule(draft.rules, { kind: 'team', teamId: firstTeam })])}
          data-testid="routing-rule-add"
        >
          {t('routing.rule.add')}
        </Button>
      )}
      <Card size="small" title={t('routing.set.settings')}>
        <Flex vertical gap="small">
          <Flex gap="small" align="center" wrap>
            <Typography.Text>{t('routing.set.default')}</Typography.Text>
            <TargetPicker
              target={draft.defaultTarget}
              teams={teams}
              users={users}
              allowContinue={false}
              readOnly={readOnly}
              onChange={(defaultTarget) => change({ defaultTarget })}
              testId="routing-default-target"
            />
          </Flex>
          <Flex gap="small" align="center" wrap>
            <Typography.Text>{t('routing.set.affinity')}</Typography.Text>
            <Select
              value={draft.affinity}
              disabled={readOnly}
              onChange={(affinity) => change({ affinity })}
              options={AFFINITY_POLICIES.map((policy) => ({ value: policy, label: t(`routing.affinity.${policy}`) }))}
              style={{ minWidth: 280 }}
              data-testid="routing-affinity"
            />
          </Flex>
          <Flex gap="small" align="center">
            <Typography.Text style={{ whiteSpace: 'nowrap' }}>{t('routing.set.noteLabel')}</Typography.Text>
            <Input.TextArea
              value={draft.note ?? ''}
              disabled={readOnly}
              onChange={(event) => change({ note: event.target.value || null })}
              maxLength={500}
              autoSize={{ minRows: 1, maxRows: 3 }}
              placeholder={t('routing.set.note')}
              data-testid="routing-note"
            />
          </Flex>
        </Flex>
      </Card>
      {!readOnly && (
        <Flex vertical gap="small">
          {problems.map((problem) => (
            <Typography.Text key={`${problem.rule}-${problem.message}`} type="danger">
              {problem.rule < 0
                ? t('routing.problem.default', { problem: t(problem.message) })
                : t('routing.problem.inRule', { n: problem.rule + 1, problem: t(problem.message) })}
            </Typography.Text>
          ))}
          <Flex gap="small" wrap>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!edited || problems.length > 0}
              loading={busy === 'save'}
              onClick={() => void run('save')}
              data-testid="routing-save"
            >
              {t('routing.save')}
            </Button>
            <Button icon={<UndoOutlined />} disabled={!edited} onClick={() => setEdited(null)}>
              {t('routing.discard')}
            </Button>
            <Popconfirm
              title={t('routing.publishConfirm', { version: set.version })}
              onConfirm={() => run('publish')}
              okButtonProps={{ 'data-testid': 'routing-publish-confirm' }}
            >
              <Button
                icon={<CloudUploadOutlined />}
                disabled={!!edited}
                loading={busy === 'publish'}
                data-testid="routing-publish"
              >
                {t('routing.publish')}
              </Button>
            </Popconfirm>
            {edited && <Typography.Text type="secondary">{t('routing.saveBeforePublish')}</Typography.Text>}
          </Flex>
        </Flex>
      )}
    </Flex>
  );
}
