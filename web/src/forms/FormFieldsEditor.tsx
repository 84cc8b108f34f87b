import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Select, Switch, Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { addableFields, CUSTOM_PREFIX, defaultLabel } from './fieldCatalog';
import styles from './FormFieldsEditor.module.css';
import type { CustomField, FormField } from './forms.types';

interface FormFieldsEditorProps {
  /** The list as it stands (watched by the editor), for keys and what is left to add. */
  fields: FormField[];
  customFields: CustomField[];
}

/** The ordered fields of the form: required flags, zh/en labels, order, and what to add. */
export function FormFieldsEditor({ fields, customFields }: FormFieldsEditorProps) {
  const { t, locale } = useI18n();
  const addable = addableFields(
    fields.map((field) => field?.key),
    customFields,
  );
  const hasContact = fields.some((field) => field?.key === 'phone' || field?.key === 'email');

  return (
    <Form.List name="fields">
      {(items, { add, remove, move }) => (
        <Flex vertical gap="small">
          <Typography.Text type="secondary">{t('forms.fields.help')}</Typography.Text>
          {!hasContact && <Typography.Text type="danger">{t('forms.fields.needContact')}</Typography.Text>}
          {items.map((item, index) => {
            const key: string = fields[index]?.key ?? '';
            const isName = key === 'name';
            const custom = key.startsWith(CUSTOM_PREFIX);
            return (
              <div key={item.key} className={styles.row} data-testid={`form-field-${key}`}>
                <Form.Item name={[item.name, 'key']} hidden>
                  <Input />
                </Form.Item>
                <Flex justify="space-between" align="center" gap="small" wrap>
                  <Flex align="center" gap="small">
                    <Typography.Text strong>{defaultLabel(key, customFields)?.[locale] ?? key}</Typography.Text>
                    <Tag>{custom ? t('forms.fields.custom') : t('forms.fields.lead')}</Tag>
                  </Flex>
                  <Flex align="center" gap="small">
                    <Form.Item name={[item.name, 'required']} valuePropName="checked" noStyle>
                      <Switch
                        size="small"
                        disabled={isName}
                        aria-label={t('forms.fields.required')}
                        data-testid={`form-field-required-${key}`}
                      />
                    </Form.Item>
                    <Typography.Text>{t('forms.fields.required')}</Typography.Text>
                    <Tooltip title={t('forms.fields.moveUp')}>
                      <Button
                        size="small"
                        icon={<ArrowUpOutlined />}
                        disabled={index === 0}
                        onClick={() => move(index, index - 1)}
                        aria-label={t('forms.fields.moveUp')}
                      />
                    </Tooltip>
                    <Tooltip title={t('forms.fields.moveDown')}>
                      <Button
                        size="small"
                        icon={<ArrowDownOutlined />}
                        disabled={index === items.length - 1}
                        onClick={() => move(index, index + 1)}
                        aria-label={t('forms.fields.moveDown')}
                      />
                    </Tooltip>
                    <Tooltip title={isName ? t('forms.fields.nameStays') : t('forms.fields.remove')}>
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        disabled={isName}
                        onClick={() => remove(item.name)}
                        aria-label={t('forms.fields.remove')}
                        data-testid={`form-field-remove-${key}`}
                      />
                    </Tooltip>
                  </Flex>
                </Flex>
                <Flex gap="small" wrap className={styles.labels}>
                  <Form.Item
                    name={[item.name, 'label', 'zh-CN']}
                    label={t('forms.fields.labelZh')}
                    rules={[{ required: true, whitespace: true, message: t('forms.fields.labelRequired') }]}
                    className={styles.label}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'label', 'en-US']}
                    label={t('forms.fields.labelEn')}
                    rules={[{ required: true, whitespace: true, message: t('forms.fields.labelRequired') }]}
                    className={styles.label}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                </Flex>
              </div>
            );
          })}
          <Select
            value={null}
            placeholder={
              <span>
                <PlusOutlined /> {t('forms.fields.add')}
              </span>
            }
            disabled={addable.length === 0}
            options={addable.map((field) => ({
              value: field.key,
              label: `${field.label[locale]}${field.key.startsWith(CUSTOM_PREFIX) ? ` (${field.key})` : ''}`,
            }))}
            onChange={(key: string | null) => {
              const label = key ? defaultLabel(key, customFields) : null;
              if (key && label) add({ key, required: false, label });
            }}
            data-testid="form-field-add"
          />
        </Flex>
      )}
    </Form.List>
  );
}
