import { Alert, App, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { channelTypeLabel } from './channelLabels';
import { getTagRules } from './channels.api';
import { TAG_RULE_CONDITIONS } from './channels.types';
import type { Channel, TagRule } from './channels.types';
import { conditionLabel } from './tagRuleLabels';
import { TagRulesModal } from './TagRulesModal';

/** The ordered rules that tag new leads by origin, with an editor that replaces them whole. */
export function TagRulesCard({ channels }: { channels: Channel[] }) {
  const t = useT();
  const { message } = App.useApp();
  const rules = useApiQuery('channel-tag-rules', getTagRules);
  const [editing, setEditing] = useState(false);
  const channelNames = new Map(channels.map((channel) => [channel.id, channel.name]));

  const describeValue = (key: (typeof TAG_RULE_CONDITIONS)[number], value: string) => {
    if (key === 'channelId') return channelNames.get(value) ?? value;
    if (key === 'channelType') return t(channelTypeLabel[value as keyof typeof channelTypeLabel]);
    return value;
  };

  const columns: TableProps<TagRule & { index: number }>['columns'] = [
    { key: 'index', width: 48, render: (_, rule) => rule.index + 1 },
    {
      key: 'when',
      title: t('channels.tagRules.when'),
      render: (_, rule) => (
        <Flex vertical gap={2}>
          {TAG_RULE_CONDITIONS.filter((key) => rule.when[key] !== undefined).map((key) => (
            <span key={key}>
              <Typography.Text type="secondary">{t(conditionLabel[key])}: </Typography.Text>
              {describeValue(key, rule.when[key]!)}
            </span>
          ))}
        </Flex>
      ),
    },
    {
      key: 'tags',
      title: t('channels.tagRules.tags'),
      render: (_, rule) => rule.tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
    },
  ];

  return (
    <Card
      size="small"
      title={t('channels.tagRules.title')}
      extra={
        <Button onClick={() => setEditing(true)} disabled={!rules.data} data-testid="edit-tag-rules">
          {t('channels.tagRules.edit')}
        </Button>
      }
    >
      <Flex vertical gap="small">
        <Typography.Text type="secondary">{t('channels.tagRules.intro')}</Typography.Text>
        {rules.error !== undefined && <Alert type="error" showIcon title={describeError(rules.error, t)} />}
        <Table
          rowKey="index"
          size="small"
          columns={columns}
          dataSource={(rules.data?.rules ?? []).map((rule, index) => ({ ...rule, index }))}
          loading={rules.loading}
          pagination={false}
          locale={{ emptyText: t('channels.tagRules.empty') }}
          data-testid="tag-rules"
        />
      </Flex>
      {editing && rules.data && (
        <TagRulesModal
          rules={rules.data.rules}
          channels={channels}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            rules.setData(saved);
            setEditing(false);
            message.success(t('channels.tagRules.saved'));
          }}
        />
      )}
    </Card>
  );
}
