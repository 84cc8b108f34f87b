import { ApiOutlined, TeamOutlined, UploadOutlined } from '@ant-design/icons';
import { Grid, Layout, Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { LeadAssignedNotifier } from '../realtime/LeadAssignedNotifier';
import { useServerEvents } from '../realtime/useServerEvents';
import { Link, useLocation } from '../router/router';
import styles from './AppLayout.module.css';
import { BrandMark } from './BrandMark';
import { HeaderBar } from './HeaderBar';

function selectedMenuKey(pathname: string): string {
  if (pathname.startsWith('/api-keys')) return 'api-keys';
  if (pathname.startsWith('/imports')) return 'imports';
  return 'leads';
}

export function AppLayout({ children }: { children: ReactNode }) {
  const t = useT();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  // Below `sm` a collapsed menu takes no width at all; its trigger floats over the content.
  const phone = Grid.useBreakpoint().sm === false;
  // The stream lives exactly as long as the signed-in layout: logging out unmounts it.
  useServerEvents();

  const { user } = useAuth();
  // The server refuses API keys to other roles; the menu does not offer what would be refused.
  const managesKeys = user?.role === 'admin' || user?.role === 'marketing';
  const imports = user?.role === 'admin' || user?.role === 'manager' || user?.role === 'marketing';

  const menuItems: MenuProps['items'] = [
    {
      key: 'leads',
      icon: <TeamOutlined />,
      label: (
        <Link to="/leads" data-testid="nav-leads">
          {t('nav.leads')}
        </Link>
      ),
    },
    ...(imports
      ? [
          {
            key: 'imports',
            icon: <UploadOutlined />,
            label: (
              <Link to="/imports" data-testid="nav-imports">
                {t('imports.nav')}
              </Link>
            ),
          },
        ]
      : []),
    ...(managesKeys
      ? [
          {
            key: 'api-keys',
            icon: <ApiOutlined />,
            label: (
              <Link to="/api-keys" data-testid="nav-api-keys">
                {t('nav.apiKeys')}
              </Link>
            ),
          },
        ]
      : []),
  ];

  return (
    <Layout className={styles.shell}>
      <Layout.Sider
        theme="light"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        collapsedWidth={phone ? 0 : 80}
        className={styles.sider}
      >
        <div className={styles.brand}>
          <BrandMark />
          {!collapsed && <span className={styles.brandName}>{t('app.name')}</span>}
        </div>
        <Menu mode="inline" selectedKeys={[selectedMenuKey(pathname)]} items={menuItems} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className={styles.header}>
          <HeaderBar />
        </Layout.Header>
        <Layout.Content className={styles.content}>{children}</Layout.Content>
      </Layout>
      <LeadAssignedNotifier />
    </Layout>
  );
}
