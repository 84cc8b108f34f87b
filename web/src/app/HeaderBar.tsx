import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { LocaleSwitch } from '../i18n/LocaleSwitch';
import styles from './HeaderBar.module.css';

export function HeaderBar() {
  const t = useT();
  const { user, logout } = useAuth();
  const [leaving, setLeaving] = useState(false);

  const handleLogout = () => {
    setLeaving(true);
    void logout();
  };

  return (
    <div className={styles.bar}>
      <Typography.Text type="secondary" className={styles.workspace}>
        {user?.workspace.name}
      </Typography.Text>
      <Space size="middle">
        {user && (
          <Space size="small" data-testid="current-user">
            <Avatar size="small" icon={<UserOutlined />} />
            <Typography.Text strong>{user.name}</Typography.Text>
            <Tag variant="filled">{t(`role.${user.role}`)}</Tag>
          </Space>
        )}
        <LocaleSwitch />
        <Button
          type="text"
          icon={<LogoutOutlined />}
          loading={leaving}
          onClick={handleLogout}
          data-testid="logout"
        >
          {t('header.logout')}
        </Button>
      </Space>
    </div>
  );
}
