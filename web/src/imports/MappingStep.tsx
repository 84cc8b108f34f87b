import { Alert, Button, Flex, Select, Table, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import type { CustomField, ImportPreview } from './imports.types';
import { LEAD_TARGETS } from '../api/leadTargets';
import { mappingIsComplete, targetLabelKey } from './importTargets';

interface MappingStepProps {
  preview: ImportPreview;
  customFields: CustomField[];
  mapping: Record<string, string>;
  onChange: (mapping: Record<string, string>) => void;
  onBack: () => void;
  onNext: () => void;
}

export function MappingStep({ preview, customFields, mapping, onChange, onBack, onNext }: MappingStepProps) {
  const t = useT();
  const options = [
    { value: '', label: t('imports.mapping.skip') },
    {
      label: t('imports.mapping.leadFields'),
      options: LEAD_TARGETS.map((target) => ({ value: target, label: t(targetLabelKey(target)) })),
    },
    ...(customFields.length > 0
      ? [
          {
            label: t('imports.mapping.customFields'),
            options: customFields.map((field) => ({ value: `custom.${field.name}`, label: field.label ?? field.name })),
          },
        ]
      : []),
  ];

  const setTarget = (header: string, target: string) => {
    const next = { ...mapping };
    if (target) next[header] = target;
    else delete next[header];
    onChange(next);
  };

  const samples = (header: string) =>
    preview.rows
      .map((row) => row.values[header])
      .filter(Boolean)
      .slice(0, 2)
      .join(' · ');

  return (
    <Flex vertical gap="middle">
      <Typography.Text type="secondary">
        {t('imports.mapping.guessed', { count: Object.keys(preview.guessedMapping).length })}
      </Typography.Text>
      <Table
        size="small"
        rowKey="header"
        pagination={false}
        scroll={{ y: 420 }}
        dataSource={preview.headers.map((header) => ({ header }))}
        data-testid="import-mapping-table"
        columns={[
          { title: t('imports.mapping.column'), dataIndex: 'header', width: '30%' },
          {
            title: t('imports.mapping.sample'),
            key: 'sample',
            ellipsis: true,
            render: (_, { header }) => <Typography.Text type="secondary">{samples(header)}</Typography.Text>,
          },
          {
            title: t('imports.mapping.target'),
            key: 'target',
            width: 220,
            render: (_, { header }, index) => (
              <Select
                style={{ width: '100%' }}
                value={mapping[header] ?? ''}
                options={options}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={(target: string) => setTarget(header, target)}
                data-testid={`import-target-${index}`}
              />
            ),
          },
        ]}
      />
      {!mappingIsComplete(mapping) && <Alert type="warning" showIcon title={t('imports.mapping.needContact')} />}
      <Flex justify="space-between">
        <Button onClick={onBack}>{t('imports.back')}</Button>
        <Button
          type="primary"
          disabled={!mappingIsComplete(mapping)}
          onClick={onNext}
          data-testid="import-mapping-next"
        >
          {t('imports.next')}
        </Button>
      </Flex>
    </Flex>
  );
}
