import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { channelTypeLabel } from './channelLabels';
import { saveTagRules } from './channels.api';
import { CHANNEL_TYPES, TAG_RULE_CONDITIONS } from './channels.types';
import type { Channel, TagRule, TagRuleWhen } from './channels.types';
import { conditionLabel } from './tagRuleLabels';

type RuleForm = Partial<Record<keyof TagRuleWhen, string>> & { tags: string[] };

interface TagRulesModalProps {
  rules: TagRule[];
  channels: Channel[];
  onClose: () => void;
  onSaved: (saved: { rules: TagRule[] }) => void;
}

function toRule(form: RuleForm): TagRule {
  const when: Record<string, string> = {};
  for (const key of TAG_RULE_CONDITIONS) {
    const value = form[key]?.trim();
    if (value) when[key] = value;
  }
  return { when: when as TagRuleWhen, tags: form.tags.map((tag) => tag.trim()).filter(Boolean) };
}

export function TagRulesModal({ rules, channels, onClose, onSaved }: TagRulesModalProps) {
  const t = useT();
  const [form] = Form.useForm<{ rules: RuleForm[] }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: { rules?: RuleForm[] }) => {
    setSaving(true);
    setError(null);
    try {
      onSaved(await saveTagRules((values.rules ?? []).map(toRule)));
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setSaving(false);
    }
  };

  const input = (key: keyof TagRuleWhen) => {
    if (key === 'channelId') {
      return <Select allowClear options={channels.map((channel) => ({ value: channel.id, label: channel.name }))} />;
    }
    if (key === 'channelType') {
      return (
        <Select allowClear options={CHANNEL_TYPES.map((type) => ({ value: type, label: t(channelTypeLabel[type]) }))} />
      );
    }
    return <Input maxLength={200} />;
  };

  return (
    <Modal
      open
      width={900}
      title={t('channels.tagRules.title')}
      okText={t('channels.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'tag-rules-submit' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ rules: rules.map((rule) => ({ ...rule.when, tags: rule.tags })) }}
        onFinish={(values) => void submit(values)}
      >
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={t('channels.tagRules.rule', { index: index + 1 })}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('channels.tagRules.remove')}
                    />
                  }
                >
                  <Row gutter={12}>
                    {TAG_RULE_CONDITIONS.map((key) => (
                      <Col xs={24} md={8} key={key}>
                        <Form.Item label={t(conditionLabel[key])} name={[field.name, key]}>
                          {input(key)}
                        </Form.Item>
                      </Col>
                    ))}
                    <Col xs={24} md={16}>
                      <Form.Item
                        label={t('channels.tagRules.tags')}
                        name={[field.name, 'tags']}
                        rules={[
                          { required: true, type: 'array', min: 1, message: t('channels.tagRules.needTags') },
                          ({ getFieldValue }) => ({
                            validator: async () => {
                              const rule = getFieldValue(['rules', field.name]) as RuleForm | undefined;
                              if (rule && Object.keys(toRule(rule).when).length === 0) {
                                throw new Error(t('channels.tagRules.needCondition'));
                              }
                            },
                          }),
                        ]}
                      >
                        <Select mode="tags" tokenSeparators={[',', '，']} open={false} />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ tags: [] })} data-testid="add-tag-rule">
                {t('channels.tagRules.add')}
              </Button>
            </>
          )}
        </Form.List>
        {error && (
          <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>
            {error}
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}
