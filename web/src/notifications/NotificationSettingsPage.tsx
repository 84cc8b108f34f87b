import { Card, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { ChannelsPanel } from './ChannelsPanel';
import { DeliveryLog } from './DeliveryLog';
import { PreferencesPanel } from './PreferencesPanel';
import { TeamPreferencesPanel } from './TeamPreferencesPanel';

/**
 * /notifications/settings: everyone sets their own preferences; admins and managers their teams'
 * defaults; admins also the workspace's channels and log.
 */
export function NotificationSettingsPage() {
  const t = useT();
  const { user } = useAuth();
  const [logVersion, setLogVersion] = useState(0);
  const admin = user?.role === 'admin';
  const items = [
    { key: 'me', label: t('notificationSettings.tab.me'), children: <PreferencesPanel /> },
    ...(admin || user?.role === 'manager'
      ? [{ key: 'team', label: t('notificationSettings.tab.team'), children: <TeamPreferencesPanel /> }]
      : []),
    ...(admin
      ? [
          {
            key: 'channels',
            label: t('notificationSettings.tab.channels'),
            children: <ChannelsPanel onChanged={() => setLogVersion((version) => version + 1)} />,
          },
          { key: 'log', label: t('notificationSettings.tab.log'), children: <DeliveryLog version={logVersion} /> },
        ]
      : []),
  ];
  return (
    <Card>
      <Typography.Title level={4}>{t('notificationSettings.title')}</Typography.Title>
      <Tabs items={items} />
    </Card>
  );
}
