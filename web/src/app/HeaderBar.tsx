import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Grid, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { LocaleSwitch } from '../i18n/LocaleSwitch';
import { NotificationBell } from '../notifications/NotificationBell';
import styles from './HeaderBar.module.css';

export function HeaderBar() {
  const t = useT();
  const { user, logout } = useAuth();
  const [leaving, setLeaving] = useState(false);
  // On a phone the header keeps only what fits: the avatar, the name and icon buttons.
  const wide = Grid.useBreakpoint().md ?? true;

  const handleLogout = () => {
    setLeaving(true);
    void logout();
  };

  return (
    <div className={styles.bar}>
      <Typography.Text type="secondary" className={styles.workspace}>
        {wide && user?.workspace.name}
      </Typography.Text>
      <Space size={wide ? 'middle' : 'small'}>
        {user && (
          <Space size="small" data-testid="current-user">
            <Avatar size="small" icon={<UserOutlined />} />
            <Typography.Text strong className={styles.userName}>
              {user.name}
            </Typography.Text>
            {wide && <Tag variant="filled">{t(`role.${user.role}`)}</Tag>}
          </Space>
        )}
        {user && <NotificationBell />}
        <LocaleSwitch />
        <Button
          type="text"
          icon={<LogoutOutlined />}
          loading={leaving}
          onClick={handleLogout}
          aria-label={t('header.logout')}
          title={t('header.logout')}
          data-testid="logout"
        >
          {wide && t('header.logout')}
        </Button>
      </Space>
    </div>
  );
}
