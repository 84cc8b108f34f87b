import { Alert, App, Button, Card, Col, Flex, InputNumber, Row, Skeleton, Slider, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { getDedupeSettings, saveDedupeSettings } from './duplicates.api';

// The API takes 0.3–1; people read likeness in percent, as the pair cards show it.
const MIN_PERCENT = 30;
const MAX_PERCENT = 100;
const MARKS = { 30: '30%', 50: '50%', 70: '70%', 85: '85%', 100: '100%' };

const toPercent = (threshold: number) => Math.round(threshold * 100);

/** The company-name likeness at which the same person's name counts as a duplicate (admins only). */
export function DedupeSettingsCard() {
  const t = useT();
  const { message } = App.useApp();
  const settings = useApiQuery('dedupe-settings', getDedupeSettings);
  // Null until the admin moves the slider: until then the saved value is what is shown.
  const [draft, setDraft] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  const saved = settings.data ? toPercent(settings.data.companyMatchThreshold) : null;
  const value = draft ?? saved;

  const save = async () => {
    if (value === null) return;
    setSaving(true);
    try {
      settings.setData(await saveDedupeSettings({ companyMatchThreshold: value / 100 }));
      setDraft(null);
      message.success(t('duplicates.settings.saved'));
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setSaving(false);
    }
  };

  const change = (next: number | null) => {
    if (next === null) return;
    setDraft(Math.min(MAX_PERCENT, Math.max(MIN_PERCENT, Math.round(next))));
  };

  let body;
  if (settings.error !== undefined && !settings.data) {
    body = (
      <Alert
        type="error"
        showIcon
        title={describeError(settings.error, t)}
        action={<Button onClick={settings.reload}>{t('common.retry')}</Button>}
      />
    );
  } else if (value === null) {
    body = <Skeleton active paragraph={{ rows: 2 }} />;
  } else {
    body = (
      <Row gutter={[16, 8]} align="middle">
        <Col flex="auto" style={{ paddingInline: 16 }}>
          <Slider
            min={MIN_PERCENT}
            max={MAX_PERCENT}
            marks={MARKS}
            value={value}
            onChange={change}
            tooltip={{ formatter: (percent) => `${percent}%` }}
            aria-label={t('duplicates.settings.threshold')}
            data-testid="dedupe-threshold-slider"
          />
        </Col>
        <Col>
          <Flex gap="small" align="center">
            <InputNumber
              min={MIN_PERCENT}
              max={MAX_PERCENT}
              step={1}
              precision={0}
              value={value}
              onChange={change}
              suffix="%"
              style={{ width: 100 }}
              aria-label={t('duplicates.settings.threshold')}
              data-testid="dedupe-threshold"
            />
            <Button
              type="primary"
              onClick={() => void save()}
              loading={saving}
              disabled={value === saved}
              data-testid="dedupe-threshold-save"
            >
              {t('duplicates.settings.save')}
            </Button>
          </Flex>
        </Col>
      </Row>
    );
  }

  return (
    <Card size="small" title={t('duplicates.settings.title')} data-testid="dedupe-settings">
      <Typography.Paragraph type="secondary">{t('duplicates.settings.explain')}</Typography.Paragraph>
      {body}
    </Card>
  );
}
