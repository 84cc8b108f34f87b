import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal } from 'antd';
import styles from '../api-keys/NewApiKeyModal.module.css';
import { useT } from '../i18n/I18nProvider';
import { copyText } from '../lib/clipboard';

/**
 * The only place a hook's secret ever appears: the server keeps its hash, so once this closes
 * the secret can only be rotated, never shown again.
 */
export function HookSecretModal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();

  const copy = async () => {
    if (!secret) return;
    if (await copyText(secret)) message.success(t('channels.hook.copied'));
    else message.error(t('channels.hook.copyFailed'));
  };

  return (
    <Modal
      open={secret !== null}
      title={t('channels.hook.secretTitle')}
      onCancel={onClose}
      // An accidental click outside must not throw away a secret that cannot be shown again.
      mask={{ closable: false }}
      keyboard={false}
      width={600}
      footer={
        <Button type="primary" onClick={onClose} data-testid="hook-secret-done">
          {t('channels.hook.secretDone')}
        </Button>
      }
    >
      <Flex vertical gap="middle">
        <Alert type="warning" showIcon title={t('channels.hook.secretWarning')} />
        <Flex gap="small" align="stretch">
          <code className={styles.key} data-testid="hook-secret-value">
            {secret}
          </code>
          <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="hook-secret-copy">
            {t('channels.hook.copy')}
          </Button>
        </Flex>
      </Flex>
    </Modal>
  );
}
