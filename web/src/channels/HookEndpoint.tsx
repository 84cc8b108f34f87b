import { CopyOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Typography } from 'antd';
import styles from '../api-keys/NewApiKeyModal.module.css';
import { useT } from '../i18n/I18nProvider';
import { copyText } from '../lib/clipboard';
import type { HookConfig } from './channels.types';

interface HookEndpointProps {
  hook: HookConfig;
  rotating: boolean;
  onRotate: () => void;
}

/** Where the platform posts, to copy into its settings, and the secret's prefix with a way to rotate it. */
export function HookEndpoint({ hook, rotating, onRotate }: HookEndpointProps) {
  const t = useT();
  const { message } = App.useApp();
  const url = `${window.location.origin}${hook.endpointPath}`;

  const copy = async () => {
    if (await copyText(url)) message.success(t('channels.hook.copied'));
    else message.error(t('channels.hook.copyFailed'));
  };

  return (
    <Flex vertical gap="small">
      <Typography.Text strong>{t('channels.hook.endpoint')}</Typography.Text>
      <Flex gap="small" align="stretch">
        <code className={styles.key} data-testid="hook-endpoint">
          {url}
        </code>
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('channels.hook.copy')}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{t('channels.hook.endpointHelp')}</Typography.Text>
      <Flex gap="small" align="center" wrap>
        <Typography.Text>{t('channels.hook.secretPrefix', { prefix: hook.secretPrefix })}</Typography.Text>
        <Popconfirm
          title={t('channels.hook.rotate')}
          description={<div style={{ maxWidth: 280 }}>{t('channels.hook.rotateConfirm')}</div>}
          okText={t('channels.hook.rotate')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={onRotate}
        >
          <Button size="small" icon={<ReloadOutlined />} loading={rotating} data-testid="hook-rotate">
            {t('channels.hook.rotate')}
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
}
