import { Alert, App, Button, Card, Flex, Input, Select, Steps } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { describeError } from '../api/errorMessage';
import { useI18n } from '../i18n/I18nProvider';
import { moveDeal, type Deal, type Missing, type Pipeline } from './deals.api';
import { fieldLabel } from './dealLabels';

interface Props {
  deal: Deal;
  pipeline: Pipeline;
  onMoved: (deal: Deal) => void;
  /** A missing task's title by its template key. */
  taskTitle: (key: string) => string;
}

/** The stages as steps, and a move that explains a refused gate and offers a skip with a reason. */
export function DealStageBar({ deal, pipeline, onMoved, taskTitle }: Props) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const stages = [...pipeline.stages].sort((a, b) => a.order - b.order);
  const current = stages.findIndex((stage) => stage.id === deal.stageId);
  const [target, setTarget] = useState<string | undefined>(stages[current + 1]?.id);
  const [refusal, setRefusal] = useState<{ code: string; missing: Missing | null } | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const stageName = (stage: (typeof stages)[number]) =>
    locale === 'en-US' && stage.nameEn ? stage.nameEn : stage.name;

  const move = async (skipReason?: string) => {
    if (!target) return;
    setBusy(true);
    try {
      const moved = await moveDeal(deal.id, target, skipReason);
      setRefusal(null);
      setReason('');
      message.success(t('deals.moved'));
      onMoved(moved);
      const next = stages.findIndex((stage) => stage.id === moved.stageId) + 1;
      setTarget(stages[next]?.id);
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'STAGE_GATE_UNMET' || error.code === 'SKIP_REASON_REQUIRED'))
        setRefusal({ code: error.code, missing: (error.details.missing as Missing | undefined) ?? null });
      else message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small">
      <Flex vertical gap="middle">
        <Steps
          size="small"
          current={current}
          items={stages.map((stage) => ({ title: stageName(stage), key: stage.id }))}
          data-testid="deal-stages"
        />
        <Flex gap="small" wrap align="center">
          <Select
            style={{ minWidth: 200 }}
            value={target}
            onChange={(value) => {
              setTarget(value);
              setRefusal(null);
            }}
            options={stages
              .filter((stage) => stage.id !== deal.stageId)
              .map((stage) => ({ value: stage.id, label: stageName(stage) }))}
            data-testid="deal-move-target"
          />
          <Button type="primary" loading={busy} disabled={!target} onClick={() => void move()} data-testid="deal-move">
            {t('deals.move')}
          </Button>
        </Flex>
        {refusal && (
          <Alert
            type="warning"
            showIcon
            data-testid="deal-gate"
            title={refusal.code === 'STAGE_GATE_UNMET' ? t('deals.gateUnmet') : t('deals.skipNeeded')}
            description={
              <Flex vertical gap="small">
                {refusal.missing && refusal.missing.fields.length > 0 && (
                  <span>
                    {t('deals.missingFields')}: {refusal.missing.fields.map((field) => fieldLabel(field, t)).join('、')}
                  </span>
                )}
                {refusal.missing && refusal.missing.tasks.length > 0 && (
                  <span>
                    {t('deals.missingTasks')}: {refusal.missing.tasks.map(taskTitle).join('、')}
                  </span>
                )}
                <Flex gap="small" wrap>
                  <Input
                    style={{ maxWidth: 360 }}
                    value={reason}
                    placeholder={t('deals.skipReason')}
                    onChange={(event) => setReason(event.target.value)}
                    data-testid="deal-skip-reason"
                  />
                  <Button
                    disabled={reason.trim() === ''}
                    loading={busy}
                    onClick={() => void move(reason.trim())}
                    data-testid="deal-skip"
                  >
                    {t('deals.skip')}
                  </Button>
                </Flex>
              </Flex>
            }
          />
        )}
      </Flex>
    </Card>
  );
}
