import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import type { CreatedApiKey } from '../api/types';
import { useT } from '../i18n/I18nProvider';
import { copyText } from '../lib/clipboard';
import styles from './NewApiKeyModal.module.css';

interface NewApiKeyModalProps {
  created: CreatedApiKey | null;
  onClose: () => void;
}

/**
 * The only place the full secret ever appears. Closing the modal drops it from memory:
 * the server keeps just a hash, so there is no way to show it again.
 */
export function NewApiKeyModal({ created, onClose }: NewApiKeyModalProps) {
  const t = useT();
  const { message } = App.useApp();

  const copy = async () => {
    if (!created) return;
    const copied = await copyText(created.key);
    if (copied) message.success(t('apiKeys.reveal.copied'));
    else message.error(t('apiKeys.reveal.copyFailed'));
  };

  return (
    <Modal
      open={created !== null}
      title={t('apiKeys.reveal.title')}
      onCancel={onClose}
      // An accidental click outside must not throw away a secret that cannot be shown again.
      mask={{ closable: false }}
      keyboard={false}
      width={600}
      footer={
        <Button type="primary" onClick={onClose} data-testid="api-key-done">
          {t('apiKeys.reveal.done')}
        </Button>
      }
    >
      {created && (
        <Flex vertical gap="middle">
          <Alert type="warning" showIcon title={t('apiKeys.reveal.warning')} />
          <Typography.Text strong>{created.name}</Typography.Text>
          <Flex gap="small" align="stretch">
            <code className={styles.key} data-testid="api-key-value">
              {created.key}
            </code>
            <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="api-key-copy">
              {t('apiKeys.reveal.copy')}
            </Button>
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
