import { Alert, App, Button, Col, Divider, Flex, Form, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useI18n } from '../i18n/I18nProvider';
import { rotateHookSecret, saveHook } from './channels.api';
import type { Channel, HookConfig, HookPreset } from './channels.types';
import { HookEndpoint } from './HookEndpoint';
import { HookPreview } from './HookPreview';
import { HookSecretModal } from './HookSecretModal';
import { isComplete, mappingOf, rowsOf, type RuleRow } from './mappingRows';
import { MappingRulesEditor } from './MappingRulesEditor';

interface HookEditorProps {
  channel: Channel;
  presets: HookPreset[];
  /** The saved hook, or null when the channel has none yet. */
  initialHook: HookConfig | null;
}

export function HookEditor({ channel, presets, initialHook }: HookEditorProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [hook, setHook] = useState(initialHook);
  const startPreset = presets.find((preset) => preset.name === initialHook?.preset) ?? presets[0]!;
  const startMapping = initialHook?.mapping ?? startPreset.mapping;
  const [presetName, setPresetName] = useState(startPreset.name);
  const [itemsPath, setItemsPath] = useState(startMapping.itemsPath ?? '');
  const [externalIdPath, setExternalIdPath] = useState(startMapping.externalIdPath ?? '');
  const [rows, setRows] = useState<RuleRow[]>(() => rowsOf(startMapping));
  const [sample, setSample] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const preset = presets.find((candidate) => candidate.name === presetName) ?? startPreset;
  const mapping = mappingOf(itemsPath, externalIdPath, rows);

  const choosePreset = (name: string) => {
    const chosen = presets.find((candidate) => candidate.name === name);
    if (!chosen) return;
    setPresetName(chosen.name);
    setItemsPath(chosen.mapping.itemsPath ?? '');
    setExternalIdPath(chosen.mapping.externalIdPath ?? '');
    setRows(rowsOf(chosen.mapping));
  };

  const save = async () => {
    const incomplete = rows.findIndex((row) => !isComplete(row));
    if (incomplete >= 0) {
      setError(t('channels.hook.ruleIncomplete', { row: incomplete + 1 }));
      return;
    }
    setError(null);
    setSaving(true);
    try {
      const saved = await saveHook(channel.id, presetName, mapping);
      setHook(saved);
      if ('secret' in saved) setSecret(saved.secret);
      message.success(t('channels.hook.saved'));
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setSaving(false);
    }
  };

  const rotate = async () => {
    setRotating(true);
    try {
      const rotated = await rotateHookSecret(channel.id);
      setHook(rotated);
      setSecret(rotated.secret);
    } catch (caught) {
      message.error(describeError(caught, t));
    } finally {
      setRotating(false);
    }
  };

  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  return (
    <Flex vertical gap="middle">
      {hook ? (
        <HookEndpoint hook={hook} rotating={rotating} onRotate={() => void rotate()} />
      ) : (
        <Alert type="info" showIcon title={t('channels.hook.notConfigured')} />
      )}
      <Divider style={{ margin: 0 }} />
      <Form layout="vertical" component="div">
        <Form.Item label={t('channels.hook.preset')} extra={t('channels.hook.presetChangeHint')}>
          <Select
            value={presetName}
            onChange={choosePreset}
            options={presets.map((candidate) => ({ value: candidate.name, label: candidate.labels[lang] }))}
            data-testid="hook-preset"
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{preset.notes[lang]}</Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('channels.hook.itemsPath')} extra={t('channels.hook.itemsPathHelp')}>
              <Input
                value={itemsPath}
                onChange={(event) => setItemsPath(event.target.value)}
                placeholder="data.leads"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('channels.hook.externalIdPath')} extra={t('channels.hook.externalIdPathHelp')}>
              <Input
                value={externalIdPath}
                onChange={(event) => setExternalIdPath(event.target.value)}
                placeholder="clue_id"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('channels.hook.rules')} extra={t('channels.hook.rulesHelp')}>
          <MappingRulesEditor rows={rows} onChange={setRows} />
        </Form.Item>
      </Form>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Flex vertical gap="small">
            <Flex justify="space-between" align="center">
              <Typography.Text strong>{t('channels.hook.sample')}</Typography.Text>
              <Button
                size="small"
                onClick={() => setSample(JSON.stringify(preset.sample, null, 2))}
                data-testid="hook-load-sample"
              >
                {t('channels.hook.loadSample')}
              </Button>
            </Flex>
            <Input.TextArea
              value={sample}
              onChange={(event) => setSample(event.target.value)}
              placeholder={t('channels.hook.samplePlaceholder')}
              autoSize={{ minRows: 12, maxRows: 30 }}
              style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 }}
              data-testid="hook-sample"
            />
          </Flex>
        </Col>
        <Col xs={24} lg={14}>
          <HookPreview channelId={channel.id} sample={sample} mapping={mapping} />
        </Col>
      </Row>
      {error && <Alert type="error" showIcon title={error} data-testid="hook-save-error" />}
      <Flex justify="end">
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="hook-save">
          {t('channels.hook.save')}
        </Button>
      </Flex>
      <HookSecretModal secret={secret} onClose={() => setSecret(null)} />
    </Flex>
  );
}
