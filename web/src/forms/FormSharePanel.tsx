import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Flex, Input, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { copyText } from '../lib/clipboard';
import { qrCodeUrl, trackedUrl } from './forms.api';
import styles from './FormSharePanel.module.css';
import type { HostedForm, TrackingParams } from './forms.types';

const TRACKING = ['campaign', 'utm_source', 'utm_medium', 'utm_campaign'] as const;
const QR_DELAY_MS = 400;

/** The value once it has stopped changing for a moment: the QR image is not fetched per keystroke. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** The saved form's address, a QR code with tracking parameters for print, and the embed snippet. */
export function FormSharePanel({ form }: { form: HostedForm }) {
  const t = useT();
  const { message } = App.useApp();
  const [params, setParams] = useState<TrackingParams>({});
  const link = trackedUrl(form.publicUrl, params);
  const qrParams = useSettled(params, QR_DELAY_MS);

  const copy = async (text: string) => {
    if (await copyText(text)) message.success(t('forms.share.copied'));
    else message.error(t('forms.share.copyFailed'));
  };

  return (
    <Card size="small" title={t('forms.section.share')} data-testid="form-share">
      <Flex vertical gap="middle">
        {!form.active && <Typography.Text type="warning">{t('forms.share.inactive')}</Typography.Text>}
        <div>
          <Typography.Text type="secondary">{t('forms.share.link')}</Typography.Text>
          <Flex gap="small" align="center">
            <Typography.Link
              href={link}
              target="_blank"
              rel="noopener"
              className={styles.link}
              data-testid="form-public-url"
            >
              {link}
            </Typography.Link>
            <Button
              size="small"
              icon={<CopyOutlined />}
              onClick={() => void copy(link)}
              aria-label={t('forms.share.copy')}
            />
          </Flex>
        </div>
        <Row gutter={[16, 16]}>
          <Col xs={24} md={14}>
            <Typography.Paragraph type="secondary">{t('forms.share.trackingHelp')}</Typography.Paragraph>
            {TRACKING.map((name) => (
              <Input
                key={name}
                addonBefore={name}
                value={params[name] ?? ''}
                maxLength={200}
                onChange={(event) => setParams((current) => ({ ...current, [name]: event.target.value }))}
                className={styles.param}
                data-testid={`form-qr-${name}`}
              />
            ))}
          </Col>
          <Col xs={24} md={10}>
            <Flex vertical align="center" gap="small">
              <img
                src={qrCodeUrl(form.id, 'svg', qrParams)}
                alt={t('forms.share.qrAlt')}
                width={180}
                height={180}
                className={styles.qr}
                data-testid="form-qr"
              />
              <Flex gap="small">
                <Button
                  icon={<DownloadOutlined />}
                  href={qrCodeUrl(form.id, 'png', params)}
                  download={`form-${form.slug}.png`}
                >
                  PNG
                </Button>
                <Button
                  icon={<DownloadOutlined />}
                  href={qrCodeUrl(form.id, 'svg', params)}
                  download={`form-${form.slug}.svg`}
                >
                  SVG
                </Button>
              </Flex>
            </Flex>
          </Col>
        </Row>
        <div>
          <Flex justify="space-between" align="center">
            <Typography.Text type="secondary">{t('forms.share.snippet')}</Typography.Text>
            <Button
              size="small"
              icon={<CopyOutlined />}
              onClick={() => void copy(form.embedSnippet)}
              data-testid="form-snippet-copy"
            >
              {t('forms.share.copy')}
            </Button>
          </Flex>
          <Input.TextArea
            readOnly
            value={form.embedSnippet}
            autoSize={{ minRows: 3, maxRows: 8 }}
            className={styles.snippet}
            data-testid="form-snippet"
          />
        </div>
      </Flex>
    </Card>
  );
}
