import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Switch, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import type { FieldChoice } from './conditionFields';
import { conditionText } from './conditionText';
import type { PointRule, UrgencyRule } from './scoring.types';

type Rule = PointRule | UrgencyRule;

export interface RuleEditorSlot<R extends Rule> {
  rule: R;
  isNew: boolean;
  save: (rule: R) => void;
  close: () => void;
}

interface RulesTableProps<R extends Rule> {
  rules: R[];
  onChange: (rules: R[]) => void;
  catalog: readonly FieldChoice[];
  /** The column that says what the rule does (points, or the urgency it raises). */
  effect: { title: string; render: (rule: R) => ReactNode };
  newRule: () => R;
  renderEditor: (slot: RuleEditorSlot<R>) => ReactNode;
  addLabel: string;
  emptyText: string;
  testId: string;
}

interface Row<R> {
  index: number;
  rule: R;
}

/** A draft's rules of one kind: switch on/off, edit, delete, add. Changes stay in the draft until saved. */
export function RulesTable<R extends Rule>(props: RulesTableProps<R>) {
  const { rules, onChange, catalog, effect, newRule, renderEditor, addLabel, emptyText, testId } = props;
  const t = useT();
  // The rule being edited: its place in the list, or null for a new one.
  const [editing, setEditing] = useState<{ index: number | null; rule: R } | null>(null);

  const replace = (index: number, rule: R) => onChange(rules.map((item, at) => (at === index ? rule : item)));
  const remove = (index: number) => onChange(rules.filter((_, at) => at !== index));

  const columns: TableProps<Row<R>>['columns'] = [
    {
      key: 'active',
      title: t('scoring.rule.active'),
      width: 80,
      render: (_, { index, rule }) => (
        <Switch
          size="small"
          checked={rule.active}
          onChange={(active) => replace(index, { ...rule, active })}
          aria-label={t('scoring.rule.active')}
          data-testid={`${testId}-active-${index}`}
        />
      ),
    },
    {
      key: 'name',
      title: t('scoring.rule.name'),
      render: (_, { rule }) => (
        <Typography.Text strong={rule.active} type={rule.active ? undefined : 'secondary'}>
          {rule.name}
        </Typography.Text>
      ),
    },
    {
      key: 'when',
      title: t('scoring.rule.conditions'),
      render: (_, { rule }) => (
        <Flex vertical gap={2}>
          {rule.when.map((condition, index) => (
            <Typography.Text key={index} type="secondary">
              {conditionText(condition, catalog, t)}
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    { key: 'effect', title: effect.title, width: 140, render: (_, { rule }) => effect.render(rule) },
    {
      key: 'actions',
      width: 96,
      render: (_, { index, rule }) => (
        <Flex gap={4}>
          <Button
            type="text"
            icon={<EditOutlined />}
            onClick={() => setEditing({ index, rule })}
            aria-label={t('scoring.rule.edit')}
            data-testid={`${testId}-edit-${index}`}
          />
          <Popconfirm
            title={t('scoring.rule.deleteConfirm', { name: rule.name })}
            okText={t('scoring.rule.delete')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove(index)}
          >
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('scoring.rule.delete')}
              data-testid={`${testId}-delete-${index}`}
            />
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap="small">
      <Table<Row<R>>
        rowKey="index"
        size="small"
        columns={columns}
        dataSource={rules.map((rule, index) => ({ index, rule }))}
        pagination={false}
        locale={{ emptyText }}
        data-testid={testId}
      />
      <div>
        <Button
          icon={<PlusOutlined />}
          onClick={() => setEditing({ index: null, rule: newRule() })}
          data-testid={`${testId}-add`}
        >
          {addLabel}
        </Button>
      </div>
      {editing &&
        renderEditor({
          rule: editing.rule,
          isNew: editing.index === null,
          save: (rule) => {
            if (editing.index === null) onChange([...rules, rule]);
            else replace(editing.index, rule);
            setEditing(null);
          },
          close: () => setEditing(null),
        })}
    </Flex>
  );
}
