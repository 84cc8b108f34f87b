import {
  BellOutlined,
  ApiOutlined,
  BarChartOutlined,
  BranchesOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FormOutlined,
  FundOutlined,
  InboxOutlined,
  MergeOutlined,
  SafetyOutlined,
  TeamOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Grid, Layout, Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { QuarantineNavLabel } from '../quarantine/QuarantineNavLabel';
import { LeadAssignedNotifier } from '../realtime/LeadAssignedNotifier';
import { useServerEvents } from '../realtime/useServerEvents';
import { Link, useLocation } from '../router/router';
import styles from './AppLayout.module.css';
import { BrandMark } from './BrandMark';
import { HeaderBar } from './HeaderBar';

function selectedMenuKey(pathname: string): string {
  if (pathname.startsWith('/pool')) return 'pool';
  if (pathname.startsWith('/deals')) return 'deals';
  if (pathname.startsWith('/api-keys')) return 'api-keys';
  if (pathname.startsWith('/quarantine')) return 'quarantine';
  if (pathname.startsWith('/forms')) return 'forms';
  if (pathname.startsWith('/channels')) return 'channels';
  if (pathname.startsWith('/duplicates')) return 'duplicates';
  if (pathname.startsWith('/imports')) return 'imports';
  if (pathname.startsWith('/scoring')) return 'scoring';
  if (pathname.startsWith('/routing')) return 'routing';
  if (pathname.startsWith('/sla-policies')) return 'sla-policies';
  if (pathname.startsWith('/board')) return 'board';
  if (pathname.startsWith('/business-calendars')) return 'business-calendars';
  if (pathname.startsWith('/notifications')) return 'notifications';
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
  const reviewsQuarantine = managesKeys || user?.role === 'manager';
  const buildsForms = managesKeys || user?.role === 'manager';
  const managesChannels = managesKeys || user?.role === 'manager';
  const judgesDuplicates = user?.role === 'admin' || user?.role === 'manager';
  const tunesScoring = user?.role === 'admin';
  const tunesRouting = user?.role === 'admin' || user?.role === 'manager';
  // Marketing may look at pools but not claim from them; the page is for the people who sell.
  const worksPool = user?.role === 'admin' || user?.role === 'manager' || user?.role === 'rep';
  const importsLeads = user?.role === 'admin' || user?.role === 'manager' || user?.role === 'marketing';

  const link = (key: string, icon: ReactNode, to: string, label: string) => ({
    key,
    icon,
    label: (
      <Link to={to} data-testid={`nav-${key}`}>
        {label}
      </Link>
    ),
  });
  const menuItems: MenuProps['items'] = [
    link('leads', <TeamOutlined />, '/leads', t('nav.leads')),
    // Everyone: a rep's board is their own row.
    link('board', <DashboardOutlined />, '/board', t('board.nav')),
    ...(worksPool ? [link('pool', <InboxOutlined />, '/pool', t('pool.nav'))] : []),
    link('deals', <FundOutlined />, '/deals', t('deals.nav')),
    ...(reviewsQuarantine ? [{ key: 'quarantine', icon: <SafetyOutlined />, label: <QuarantineNavLabel /> }] : []),
    ...(judgesDuplicates ? [link('duplicates', <MergeOutlined />, '/duplicates', t('duplicates.nav'))] : []),
    ...(managesChannels ? [link('channels', <ClusterOutlined />, '/channels', t('channels.nav'))] : []),
    ...(buildsForms ? [link('forms', <FormOutlined />, '/forms', t('forms.nav'))] : []),
    ...(importsLeads ? [link('imports', <UploadOutlined />, '/imports', t('imports.nav'))] : []),
    ...(tunesScoring ? [link('scoring', <BarChartOutlined />, '/scoring', t('scoring.nav'))] : []),
    ...(tunesRouting ? [link('routing', <BranchesOutlined />, '/routing', t('routing.nav'))] : []),
    ...(tunesRouting ? [link('sla-policies', <FieldTimeOutlined />, '/sla-policies', t('sla.nav'))] : []),
    ...(tunesScoring
      ? [link('business-calendars', <CalendarOutlined />, '/business-calendars', t('calendars.nav'))]
      : []),
    ...(managesKeys ? [link('api-keys', <ApiOutlined />, '/api-keys', t('nav.apiKeys'))] : []),
    link('notifications', <BellOutlined />, '/notifications/settings', t('notificationSettings.nav')),
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
