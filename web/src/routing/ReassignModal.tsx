import { Alert, Flex, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { Lead } from '../api/types';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { reassignLead } from './routing.api';
import type { RoutingUser } from './routing.types';

/** A manager hands one lead to a rep of their choosing, with the reason kept in its history. */
export function ReassignModal({
  lead,
  users,
  onClose,
  onDone,
}: {
  lead: Lead;
  users: readonly RoutingUser[];
  onClose: () => void;
  onDone: (lead: Lead) => void;
}) {
  const t = useT();
  const [userId, setUserId] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!userId) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await reassignLead(lead.id, userId, reason.trim()));
    } catch (caught) {
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('routing.reassign.title')}
      okText={t('routing.reassign.confirm')}
      okButtonProps={{ disabled: !userId || !reason.trim(), 'data-testid': 'routing-reassign-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Flex vertical gap="small">
        <Select
          value={userId}
          onChange={setUserId}
          options={users
            .filter((user) => user.active && user.id !== lead.ownerId)
            .map((user) => ({ value: user.id, label: user.name }))}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('routing.target.chooseRep')}
          data-testid="routing-reassign-rep"
        />
        <Input.TextArea
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder={t('routing.reason')}
          data-testid="routing-reassign-reason"
        />
        {error && <Alert type="error" showIcon title={error} />}
      </Flex>
    </Modal>
  );
}
