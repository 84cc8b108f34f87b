import { Col, Form, Input, Row } from 'antd';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import type { TextKey } from './forms.types';

const TEXTS: { key: TextKey; label: MessageKey; long: boolean; max: number }[] = [
  { key: 'title', label: 'forms.texts.title', long: false, max: 200 },
  { key: 'description', label: 'forms.texts.description', long: true, max: 2000 },
  { key: 'consent', label: 'forms.texts.consent', long: true, max: 2000 },
  { key: 'success', label: 'forms.texts.success', long: true, max: 500 },
];

/** Each text in both languages; the page shows the visitor's, or the other when one is blank. */
export function FormTextsEditor() {
  const t = useT();
  return (
    <Row gutter={16}>
      {TEXTS.flatMap(({ key, label, long, max }) =>
        (['zh-CN', 'en-US'] as const).map((locale) => (
          <Col xs={24} md={12} key={`${key}-${locale}`}>
            <Form.Item
              name={['texts', key, locale]}
              label={`${t(label)} · ${locale === 'zh-CN' ? t('forms.preview.zh') : t('forms.preview.en')}`}
              extra={key === 'consent' && locale === 'zh-CN' ? t('forms.texts.consentHelp') : undefined}
            >
              {long ? (
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={max}
                  data-testid={`form-text-${key}-${locale}`}
                />
              ) : (
                <Input maxLength={max} data-testid={`form-text-${key}-${locale}`} />
              )}
            </Form.Item>
          </Col>
        )),
      )}
    </Row>
  );
}
