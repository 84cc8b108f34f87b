import { Form, Modal, Select } from 'antd';
import { useState } from 'react';
import type { User } from '../api/types';
import { useT } from '../i18n/I18nProvider';

interface AssignFromPoolModalProps {
  leadName: string;
  users: User[];
  onAssign: (userId: string) => Promise<void>;
  onClose: () => void;
}

/** A pool admin or manager hands a waiting lead to a rep of their choosing. */
export function AssignFromPoolModal({ leadName, users, onAssign, onClose }: AssignFromPoolModalProps) {
  const t = useT();
  const [userId, setUserId] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const sellers = users.filter((user) => user.active && (user.role === 'rep' || user.role === 'manager'));

  const submit = async () => {
    if (!userId) return;
    setSaving(true);
    try {
      await onAssign(userId);
      onClose();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('pool.assign.title', { name: leadName })}
      okText={t('pool.assign.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !userId, loading: saving, 'data-testid': 'pool-assign-confirm' }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form layout="vertical">
        <Form.Item label={t('pool.assign.rep')} required>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            value={userId}
            onChange={setUserId}
            data-testid="pool-assign-rep"
            options={sellers.map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
