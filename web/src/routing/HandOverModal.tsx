import { Alert, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { handOver } from './routing.api';
import type { RoutingUser } from './routing.types';

/** A rep leaves: confirm, give a reason, and their open leads are dealt again by the rules. */
export function HandOverModal({
  rep,
  onClose,
  onDone,
}: {
  rep: RoutingUser;
  onClose: () => void;
  onDone: (moved: { moved: number; toPool: number }) => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await handOver(rep.id, reason.trim()));
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('routing.handOver.title', { name: rep.name })}
      okText={t('routing.handOver.confirm')}
      okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'routing-hand-over-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph>
        {t('routing.handOver.explain', { name: rep.name, n: rep.openLeads ?? 0 })}
      </Typography.Paragraph>
      <Input.TextArea
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 4 }}
        placeholder={t('routing.reason')}
        data-testid="routing-hand-over-reason"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
