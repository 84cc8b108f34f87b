import { Alert, Card, Col, Form, InputNumber, Radio, Row, Select, Slider } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { settingsProblems } from './scoringDraft';
import { groupLabel, modeHint, modeLabel } from './scoringLabels';
import { GRADES, RULE_GROUPS, SCORING_MODES, type ModelFeature, type ScoringSettings } from './scoring.types';

interface ScoringSettingsCardProps {
  settings: ScoringSettings;
  onChange: (settings: ScoringSettings) => void;
  features: readonly ModelFeature[];
  hasActiveModel: boolean;
}

/** An empty number input means "none" (no cap, no decay), which the API says with null. */
const orNull = (value: number | null | undefined) => (value === undefined ? null : value);

export function ScoringSettingsCard({ settings, onChange, features, hasActiveModel }: ScoringSettingsCardProps) {
  const t = useT();
  const problems = settingsProblems(settings);
  const item = (path: string) => (problems[path] ? { validateStatus: 'error' as const, help: t(problems[path]) } : {});
  const set = (changes: Partial<ScoringSettings>) => onChange({ ...settings, ...changes });
  const featureOptions = [...new Set([...features.map((feature) => feature.name), ...settings.postContactFields])].map(
    (name) => ({ value: name, label: name }),
  );

  return (
    <Card size="small" title={t('scoring.settings.title')} data-testid="scoring-settings">
      <Form layout="vertical" component="div">
        <Row gutter={16}>
          {RULE_GROUPS.map((group) => (
            <Col xs={24} sm={8} key={group}>
              <Form.Item label={t('scoring.settings.cap', { group: t(groupLabel[group]) })} {...item(`caps.${group}`)}>
                <InputNumber
                  value={settings.caps[group]}
                  onChange={(value) => set({ caps: { ...settings.caps, [group]: orNull(value) } })}
                  min={0}
                  max={100}
                  precision={0}
                  placeholder={t('scoring.settings.noCap')}
                  style={{ width: '100%' }}
                  data-testid={`scoring-cap-${group}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={16}>
          {(['A', 'B', 'C'] as const).map((grade) => (
            <Col xs={12} sm={6} key={grade}>
              <Form.Item label={t('scoring.settings.threshold', { grade })} {...item(`thresholds.${grade}`)}>
                <InputNumber
                  value={Number.isFinite(settings.thresholds[grade]) ? settings.thresholds[grade] : null}
                  onChange={(value) => set({ thresholds: { ...settings.thresholds, [grade]: value ?? Number.NaN } })}
                  min={1}
                  max={100}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid={`scoring-threshold-${grade}`}
                />
              </Form.Item>
            </Col>
          ))}
          <Col xs={12} sm={6}>
            <Form.Item
              label={t('scoring.settings.halfLife')}
              {...item('halfLifeDays')}
              tooltip={t('scoring.settings.halfLifeHint')}
            >
              <InputNumber
                value={settings.halfLifeDays}
                onChange={(value) => set({ halfLifeDays: orNull(value) })}
                min={1}
                max={365}
                precision={0}
                placeholder={t('scoring.settings.noDecay')}
                suffix={t('scoring.condition.days')}
                style={{ width: '100%' }}
                data-testid="scoring-half-life"
              />
            </Form.Item>
          </Col>
        </Row>
        {problems.thresholds && (
          <Alert type="error" showIcon title={t(problems.thresholds)} style={{ marginBottom: 16 }} />
        )}
        <Form.Item label={t('scoring.settings.gradeBands')}>
          {GRADES.map((grade, index) => {
            const upper = index === 0 ? 100 : settings.thresholds[GRADES[index - 1] as 'A' | 'B' | 'C'] - 1;
            const lower = grade === 'D' ? 0 : settings.thresholds[grade];
            return <span key={grade} style={{ marginRight: 16 }}>{`${grade}: ${lower}–${upper}`}</span>;
          })}
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label={t('scoring.settings.mode')} extra={t(modeHint[settings.mode])}>
              <Radio.Group
                value={settings.mode}
                onChange={(event) => set({ mode: event.target.value as ScoringSettings['mode'] })}
                optionType="button"
                options={SCORING_MODES.map((mode) => ({ value: mode, label: t(modeLabel[mode]) }))}
                data-testid="scoring-mode"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('scoring.settings.blendWeight', { percent: Math.round(settings.blendWeight * 100) })}>
              <Slider
                min={0}
                max={1}
                step={0.05}
                value={settings.blendWeight}
                onChange={(blendWeight) => set({ blendWeight })}
                disabled={settings.mode !== 'blend'}
                tooltip={{ formatter: (value) => `${Math.round((value ?? 0) * 100)}%` }}
                data-testid="scoring-blend-weight"
              />
            </Form.Item>
          </Col>
        </Row>
        {settings.mode !== 'rules' && !hasActiveModel && (
          <Alert type="warning" showIcon title={t('scoring.settings.noActiveModel')} style={{ marginBottom: 16 }} />
        )}
        <Form.Item label={t('scoring.settings.postContact')} extra={t('scoring.settings.postContactHint')}>
          <Select
            mode="multiple"
            value={settings.postContactFields}
            onChange={(postContactFields: string[]) => set({ postContactFields })}
            options={featureOptions}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('scoring.settings.postContactPlaceholder')}
            data-testid="scoring-post-contact"
          />
        </Form.Item>
      </Form>
    </Card>
  );
}
