import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Switch, Tag, Tooltip, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import type { FieldChoice } from '../scoring/conditionFields';
import { ConditionGroupEditor } from './ConditionGroupEditor';
import type { ConditionGroup, RoutingRule, RoutingTeam, RoutingUser } from './routing.types';
import { TargetPicker } from './TargetPicker';

interface RuleCardProps {
  rule: RoutingRule;
  index: number;
  count: number;
  catalog: readonly FieldChoice[];
  teams: readonly RoutingTeam[];
  users: readonly RoutingUser[];
  readOnly: boolean;
  onChange: (next: RoutingRule) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/** One rule: its place in the order, name, on/off, the conditions and where a matching lead goes. */
export function RuleCard({
  rule,
  index,
  count,
  catalog,
  teams,
  users,
  readOnly,
  onChange,
  onMove,
  onRemove,
}: RuleCardProps) {
  const t = useT();
  const testId = `routing-rule-${index}`;
  const group = rule.when as ConditionGroup;
  return (
    <Card
      size="small"
      data-testid={testId}
      title={
        <Flex gap="small" align="center">
          <Tag>{index + 1}</Tag>
          <Input
            value={rule.name}
            disabled={readOnly}
            onChange={(event) => onChange({ ...rule, name: event.target.value })}
            maxLength={100}
            placeholder={t('routing.rule.namePlaceholder')}
            style={{ maxWidth: 320 }}
            aria-label={t('routing.rule.name')}
            data-testid={`${testId}-name`}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {rule.id}
          </Typography.Text>
          {!rule.active && <Tag color="default">{t('routing.rule.inactive')}</Tag>}
        </Flex>
      }
      extra={
        <Flex gap={4} align="center">
          <Tooltip title={t('routing.rule.active')}>
            <Switch
              size="small"
              checked={rule.active}
              disabled={readOnly}
              onChange={(active) => onChange({ ...rule, active })}
              data-testid={`${testId}-active`}
            />
          </Tooltip>
          {!readOnly && (
            <>
              <Button
                type="text"
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={index === 0}
                onClick={() => onMove(index - 1)}
                aria-label={t('routing.rule.up')}
                data-testid={`${testId}-up`}
              />
              <Button
                type="text"
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={index === count - 1}
                onClick={() => onMove(index + 1)}
                aria-label={t('routing.rule.down')}
                data-testid={`${testId}-down`}
              />
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                onClick={onRemove}
                aria-label={t('routing.rule.remove')}
                data-testid={`${testId}-remove`}
              />
            </>
          )}
        </Flex>
      }
    >
      <Flex vertical gap="small">
        <Typography.Text strong>{t('routing.rule.when')}</Typography.Text>
        <ConditionGroupEditor
          group={group}
          catalog={catalog}
          readOnly={readOnly}
          depth={1}
          onChange={(when) => onChange({ ...rule, when })}
          testId={`${testId}-cond`}
        />
        <Typography.Text strong>{t('routing.rule.then')}</Typography.Text>
        <TargetPicker
          target={rule.target}
          teams={teams}
          users={users}
          allowContinue
          readOnly={readOnly}
          onChange={(target) => onChange({ ...rule, target })}
          testId={`${testId}-target`}
        />
      </Flex>
    </Card>
  );
}
