import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Select, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useI18n } from '../i18n/I18nProvider';
import { ModelReport } from './ModelReport';
import { getReadiness, listModelFeatures, listModels, trainModel } from './scoring.api';
import type { Readiness, ScoringModel } from './scoring.types';
import { modelStatusLabel } from './scoringLabels';

const POLL_MS = 2000;
const STATUS_TAG = { training: 'processing', ready: 'success', failed: 'error' } as const;

/** Whether the workspace has enough outcomes to learn from, in the server's own words. */
function ReadinessAlert({ readiness }: { readiness: Readiness }) {
  const { t } = useI18n();
  const counts = t('scoring.readiness.counts', { closed: readiness.closed, won: readiness.won, lost: readiness.lost });
  return (
    <Alert
      type={readiness.ready ? 'success' : 'warning'}
      showIcon
      title={readiness.ready ? t('scoring.readiness.ready') : t('scoring.readiness.notReady')}
      description={
        <Flex vertical gap={2}>
          <Typography.Text data-testid="scoring-readiness-reason">{readiness.reason || counts}</Typography.Text>
          {readiness.reason && <Typography.Text type="secondary">{counts}</Typography.Text>}
        </Flex>
      }
      data-testid="scoring-readiness"
      data-ready={readiness.ready}
    />
  );
}

/** The predictive model: is there enough to learn from, train a version, compare versions, read a report. */
export function ModelTab({ activeModelId, onActivated }: { activeModelId: string | null; onActivated: () => void }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const readiness = useApiQuery('scoring-readiness', getReadiness);
  const features = useApiQuery('scoring-features', (signal) => listModelFeatures(signal).catch(() => ({ items: [] })));
  const models = useApiQuery('scoring-models', listModels);
  const [exclude, setExclude] = useState<string[]>([]);
  const [training, setTraining] = useState(false);
  const [chosenId, setChosenId] = useState<string | null>(null);

  const items = models.data?.items ?? [];
  const anyTraining = items.some((model) => model.status === 'training');
  const { loading, reload } = models;
  // While a version trains, the list is read again every few seconds until none is.
  useEffect(() => {
    if (!anyTraining || loading) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [anyTraining, loading, reload]);

  const selected =
    items.find((model) => model.id === chosenId) ??
    items.find((model) => model.id === activeModelId) ??
    items.find((model) => model.active) ??
    items[0];

  const train = async () => {
    setTraining(true);
    try {
      const { id } = await trainModel(exclude);
      setChosenId(id);
      models.reload();
      message.success(t('scoring.model.started'));
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setTraining(false);
    }
  };

  const afterActivation = () => {
    models.reload();
    onActivated();
  };

  const columns: TableProps<ScoringModel>['columns'] = [
    { key: 'version', title: t('scoring.model.versionColumn'), render: (_, model) => `v${model.version}` },
    {
      key: 'status',
      title: t('scoring.model.statusColumn'),
      render: (_, model) => (
        <Flex gap={4}>
          <Tag color={STATUS_TAG[model.status]}>{t(modelStatusLabel[model.status])}</Tag>
          {model.active && <Tag color="green">{t('scoring.model.active')}</Tag>}
        </Flex>
      ),
    },
    { key: 'auc', title: 'AUC', render: (_, model) => model.metrics?.auc.toFixed(3) ?? t('common.none') },
    { key: 'brier', title: 'Brier', render: (_, model) => model.metrics?.brier.toFixed(3) ?? t('common.none') },
    {
      key: 'size',
      title: t('scoring.model.sizeColumn'),
      render: (_, model) => (model.metrics ? `${model.metrics.nTrain} / ${model.metrics.nHoldout}` : t('common.none')),
    },
    {
      key: 'createdAt',
      title: t('scoring.model.createdColumn'),
      render: (_, model) => formatDateTime(model.createdAt),
    },
  ];

  const featureOptions = (features.data?.items ?? []).map((feature) => ({ value: feature.name, label: feature.name }));
  const notReady = readiness.data ? !readiness.data.ready : false;

  return (
    <Flex vertical gap="middle">
      {readiness.data && <ReadinessAlert readiness={readiness.data} />}
      {readiness.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={describeError(readiness.error, t)}
          action={<Button onClick={readiness.reload}>{t('common.retry')}</Button>}
        />
      )}
      {!readiness.data && readiness.error === undefined && <Skeleton active paragraph={{ rows: 1 }} />}
      <Card size="small" title={t('scoring.model.trainTitle')}>
        <Flex vertical gap="small">
          <Typography.Text type="secondary">{t('scoring.model.trainExplain')}</Typography.Text>
          <Flex gap="small" wrap>
            <Select
              mode="multiple"
              value={exclude}
              onChange={setExclude}
              options={featureOptions}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('scoring.model.excludePlaceholder')}
              style={{ minWidth: 320, flex: 1 }}
              data-testid="scoring-train-exclude"
            />
            <Button
              type="primary"
              icon={<ExperimentOutlined />}
              onClick={() => void train()}
              loading={training}
              disabled={notReady || anyTraining}
              data-testid="scoring-train"
            >
              {t('scoring.model.train')}
            </Button>
          </Flex>
        </Flex>
      </Card>
      <Card size="small" title={t('scoring.model.versions')}>
        {models.error !== undefined && !models.data ? (
          <Alert
            type="error"
            showIcon
            title={describeError(models.error, t)}
            action={<Button onClick={models.reload}>{t('common.retry')}</Button>}
          />
        ) : (
          <Table<ScoringModel>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={items}
            loading={!models.data && models.loading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('scoring.model.none') }}
            rowClassName={(model) => (model.id === selected?.id ? 'ant-table-row-selected' : '')}
            onRow={(model) => ({ onClick: () => setChosenId(model.id), style: { cursor: 'pointer' } })}
            data-testid="scoring-models"
          />
        )}
      </Card>
      {selected && <ModelReport key={selected.id} model={selected} onActivated={afterActivation} />}
    </Flex>
  );
}
