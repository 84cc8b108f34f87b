import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Input, Popover, Select, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { targetLabel, transformLabel } from './channelLabels';
import { LEAD_TARGETS } from '../api/leadTargets';
import { TRANSFORM_NAMES } from './channels.types';
import { blankRow, parseLookup, type RuleRow } from './mappingRows';

interface MappingRulesEditorProps {
  rows: RuleRow[];
  onChange: (rows: RuleRow[]) => void;
}

export function MappingRulesEditor({ rows, onChange }: MappingRulesEditorProps) {
  const t = useT();
  const update = (key: string, patch: Partial<RuleRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    onChange(next);
  };
  const targetOptions = LEAD_TARGETS.map((target) => ({
    value: target,
    label: `${targetLabel(t, target)} · ${target}`,
  }));

  const columns: TableProps<RuleRow>['columns'] = [
    {
      key: 'target',
      title: t('channels.hook.column.target'),
      width: 200,
      render: (_, row, index) => (
        <AutoComplete
          value={row.target}
          options={targetOptions}
          onChange={(target: string) => update(row.key, { target })}
          placeholder={t('channels.hook.targetPlaceholder')}
          style={{ width: '100%' }}
          filterOption={(input, option) =>
            String(option?.label ?? '')
              .toLowerCase()
              .includes(input.toLowerCase())
          }
          data-testid={`rule-target-${index}`}
        />
      ),
    },
    {
      key: 'path',
      title: t('channels.hook.column.path'),
      render: (_, row, index) => (
        <Input
          value={row.path}
          onChange={(event) => update(row.key, { path: event.target.value })}
          placeholder={row.value === '' ? 'clue.telephone' : undefined}
          maxLength={500}
          data-testid={`rule-path-${index}`}
        />
      ),
    },
    {
      key: 'value',
      title: t('channels.hook.column.value'),
      width: 150,
      render: (_, row, index) => (
        <Input
          value={row.value}
          onChange={(event) => update(row.key, { value: event.target.value })}
          maxLength={2000}
          data-testid={`rule-value-${index}`}
        />
      ),
    },
    {
      key: 'transform',
      title: t('channels.hook.column.transform'),
      width: 250,
      render: (_, row) => {
        const lookup = parseLookup(row.lookupText);
        return (
          <Space.Compact style={{ width: '100%' }}>
            <Select
              mode="multiple"
              value={row.transforms}
              onChange={(transforms) => update(row.key, { transforms })}
              options={TRANSFORM_NAMES.map((name) => ({ value: name, label: t(transformLabel[name]) }))}
              style={{ minWidth: 120, flex: 1 }}
              maxTagCount="responsive"
            />
            <Popover
              trigger="click"
              title={t('channels.hook.lookup')}
              content={
                <Space orientation="vertical" style={{ width: 260 }}>
                  <Typography.Text type="secondary">{t('channels.hook.lookupHelp')}</Typography.Text>
                  <Input.TextArea
                    value={row.lookupText}
                    onChange={(event) => update(row.key, { lookupText: event.target.value })}
                    autoSize={{ minRows: 3, maxRows: 10 }}
                    placeholder={'1=男\n2=女\n*=未知'}
                  />
                </Space>
              }
            >
              <Button type={lookup ? 'primary' : 'default'} ghost={lookup !== null}>
                {lookup
                  ? t('channels.hook.lookupCount', { count: Object.keys(lookup.lookup).length })
                  : t('channels.hook.lookup')}
              </Button>
            </Popover>
          </Space.Compact>
        );
      },
    },
    {
      key: 'actions',
      width: 110,
      render: (_, row, index) => (
        <Space size={0}>
          <Button
            type="text"
            size="small"
            icon={<ArrowUpOutlined />}
            disabled={index === 0}
            onClick={() => move(index, -1)}
            aria-label={t('channels.hook.moveUp')}
          />
          <Button
            type="text"
            size="small"
            icon={<ArrowDownOutlined />}
            disabled={index === rows.length - 1}
            onClick={() => move(index, 1)}
            aria-label={t('channels.hook.moveDown')}
          />
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            onClick={() => onChange(rows.filter((candidate) => candidate.key !== row.key))}
            aria-label={t('channels.hook.removeRule')}
          />
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<RuleRow>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="mapping-rules"
      />
      <Button icon={<PlusOutlined />} onClick={() => onChange([...rows, blankRow()])} data-testid="add-rule">
        {t('channels.hook.addRule')}
      </Button>
    </Space>
  );
}
