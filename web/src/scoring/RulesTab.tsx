import { ReloadOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery, type ApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { listCustomFields } from '../leads/leadEntry.api';
import { fieldCatalog } from './conditionFields';
import { RescoreProgress } from './RescoreProgress';
import { PointRulesCard, UrgencyRulesCard } from './RuleCards';
import { getScoringJob, listModelFeatures, rescoreAll, saveScoringConfig } from './scoring.api';
import type { ScoringConfig, ScoringConfigBody, ScoringJob } from './scoring.types';
import { draftFrom, sendableDraft } from './scoringDraft';
import { ScoringPreviewPanel } from './ScoringPreviewPanel';
import { ScoringSettingsCard } from './ScoringSettingsCard';
import { useScoringPreview } from './useScoringPreview';

const unfinished = (job: ScoringJob | null | undefined) => job?.status === 'queued' || job?.status === 'running';

/**
 * The rule set as an editable draft, previewed against the workspace's leads as it changes;
 * saving sends it whole and follows the rescore the server starts.
 */
export function RulesTab({ config }: { config: { data: ScoringConfig; setData: (data: ScoringConfig) => void } }) {
  const t = useT();
  const { message } = App.useApp();
  const customFields = useApiQuery('scoring-custom-fields', (signal) =>
    listCustomFields(signal).catch(() => ({ items: [] })),
  );
  const features = useApiQuery('scoring-features', (signal) => listModelFeatures(signal).catch(() => ({ items: [] })));
  const catalog = useMemo(() => fieldCatalog(customFields.data?.items ?? []), [customFields.data]);

  // Null while nothing is edited: the saved configuration is what is shown.
  const [edited, setEdited] = useState<ScoringConfigBody | null>(null);
  const draft = edited ?? draftFrom(config.data);
  const sendable = sendableDraft(draft);
  const preview = useScoringPreview(sendable);
  const [saving, setSaving] = useState(false);
  const [job, setJob] = useState<ScoringJob | null>(null);
  const [rescoring, setRescoring] = useState(false);
  const shownJob = job ?? (unfinished(config.data.lastJob) ? config.data.lastJob : null);

  const change = (changes: Partial<ScoringConfigBody>) => setEdited({ ...draft, ...changes });

  const save = async () => {
    if (!sendable) return;
    setSaving(true);
    try {
      const saved = await saveScoringConfig(sendable);
      config.setData(saved);
      setEdited(null);
      setJob(saved.lastJob);
      message.success(t('scoring.saved'));
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  const rescore = async () => {
    setRescoring(true);
    try {
      const { id } = await rescoreAll();
      setJob(await getScoringJob(id));
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setRescoring(false);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Flex vertical gap="middle">
          <PointRulesCard
            rules={draft.pointRules}
            onChange={(pointRules) => change({ pointRules })}
            catalog={catalog}
          />
          <UrgencyRulesCard
            rules={draft.urgencyRules}
            onChange={(urgencyRules) => change({ urgencyRules })}
            catalog={catalog}
          />
          <ScoringSettingsCard
            settings={draft.settings}
            onChange={(settings) => change({ settings })}
            features={features.data?.items ?? []}
            hasActiveModel={config.data.activeModelId !== null}
          />
        </Flex>
      </Col>
      <Col xs={24} xl={9}>
        <Flex vertical gap="middle" style={{ position: 'sticky', top: 16 }}>
          <Card size="small">
            <Flex vertical gap="small">
              <Typography.Text type={edited ? 'warning' : 'secondary'} data-testid="scoring-draft-state">
                {edited ? t('scoring.draft.unsaved') : t('scoring.draft.saved')}
              </Typography.Text>
              <Flex gap="small" wrap>
                <Button
                  type="primary"
                  icon={<SaveOutlined />}
                  onClick={() => void save()}
                  loading={saving}
                  disabled={!edited || !sendable}
                  data-testid="scoring-save"
                >
                  {t('scoring.save')}
                </Button>
                <Button icon={<UndoOutlined />} onClick={() => setEdited(null)} disabled={!edited || saving}>
                  {t('scoring.discard')}
                </Button>
                <Button
                  icon={<ReloadOutlined />}
                  onClick={() => void rescore()}
                  loading={rescoring}
                  disabled={unfinished(shownJob)}
                  data-testid="scoring-rescore-all"
                >
                  {t('scoring.rescoreAll')}
                </Button>
              </Flex>
              {shownJob && <RescoreProgress key={shownJob.id} initial={shownJob} onFinished={setJob} />}
            </Flex>
          </Card>
          <ScoringPreviewPanel preview={preview} invalid={sendable === null} />
        </Flex>
      </Col>
    </Row>
  );
}

/** Loads the configuration, then edits it; a failed load says why and offers to try again. */
export function RulesTabLoader({ config }: { config: ApiQuery<ScoringConfig> }) {
  const t = useT();
  if (config.data) return <RulesTab config={{ data: config.data, setData: config.setData }} />;
  if (config.error !== undefined) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        description={describeError(config.error, t)}
        action={<Button onClick={config.reload}>{t('common.retry')}</Button>}
      />
    );
  }
  return <Skeleton active paragraph={{ rows: 10 }} />;
}
