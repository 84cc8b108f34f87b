import { Button, Result, Spin } from 'antd';
import { ApiKeysPage } from '../api-keys/ApiKeysPage';
import { BusinessCalendarsPage } from '../calendars/BusinessCalendarsPage';
import { describeError } from '../api/errorMessage';
import { FormEditPage } from '../forms/FormEditPage';
import { FormListPage } from '../forms/FormListPage';
import { BoardPage } from '../board/BoardPage';
import { ChannelsPage } from '../channels/ChannelsPage';
import { DuplicatesPage } from '../dedupe/DuplicatesPage';
import { useAuth } from '../auth/AuthProvider';
import { LoginPage } from '../auth/LoginPage';
import { useT } from '../i18n/I18nProvider';
import { DealDetailPage } from '../deals/DealDetailPage';
import { DealListPage } from '../deals/DealListPage';
import { ImportsPage } from '../imports/ImportsPage';
import { LeadDetailPage } from '../leads/LeadDetailPage';
import { LeadListPage } from '../leads/LeadListPage';
import { PoolPage } from '../pool/PoolPage';
import { NotificationSettingsPage } from '../notifications/NotificationSettingsPage';
import { QuarantinePage } from '../quarantine/QuarantinePage';
import { RoutingPage } from '../routing/RoutingPage';
import { ScoringPage } from '../scoring/ScoringPage';
import { SlaPoliciesPage } from '../sla/SlaPoliciesPage';
import { matchPath, Redirect, useLocation } from '../router/router';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';

/** Only same-app paths are accepted as a post-login target, never another origin. */
function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) {
    return '/leads';
  }
  return next;
}

function renderPage(pathname: string) {
  if (pathname === '/') return <Redirect to="/leads" />;
  if (matchPath('/leads', pathname)) return <LeadListPage />;
  const leadMatch = matchPath('/leads/:id', pathname);
  if (leadMatch?.id) return <LeadDetailPage key={leadMatch.id} leadId={leadMatch.id} />;
  if (matchPath('/pool', pathname)) return <PoolPage />;
  if (matchPath('/deals', pathname)) return <DealListPage />;
  const dealMatch = matchPath('/deals/:id', pathname);
  if (dealMatch?.id) return <DealDetailPage key={dealMatch.id} dealId={dealMatch.id} />;
  if (matchPath('/api-keys', pathname)) return <ApiKeysPage />;
  if (matchPath('/quarantine', pathname)) return <QuarantinePage />;
  if (matchPath('/forms', pathname)) return <FormListPage />;
  if (matchPath('/forms/new', pathname)) return <FormEditPage key="new" formId={null} />;
  const formMatch = matchPath('/forms/:id', pathname);
  if (formMatch?.id) return <FormEditPage key={formMatch.id} formId={formMatch.id} />;
  if (matchPath('/channels', pathname)) return <ChannelsPage />;
  if (matchPath('/duplicates', pathname)) return <DuplicatesPage />;
  if (matchPath('/imports', pathname)) return <ImportsPage />;
  if (matchPath('/scoring', pathname)) return <ScoringPage />;
  if (matchPath('/routing', pathname)) return <RoutingPage />;
  if (matchPath('/sla-policies', pathname)) return <SlaPoliciesPage />;
  if (matchPath('/board', pathname)) return <BoardPage />;
  if (matchPath('/business-calendars', pathname)) return <BusinessCalendarsPage />;
  if (matchPath('/notifications/settings', pathname)) return <NotificationSettingsPage />;
  return <NotFoundPage />;
}

export function AppRoutes() {
  const t = useT();
  const { session, retry } = useAuth();
  const { pathname, searchParams } = useLocation();

  if (session.status === 'checking') {
    return <Spin fullscreen />;
  }
  if (session.status === 'failed') {
    return (
      <Result
        status="warning"
        title={t('common.loadFailed')}
        subTitle={describeError(session.error, t)}
        extra={<Button onClick={retry}>{t('common.retry')}</Button>}
      />
    );
  }
  if (pathname === '/login') {
    return session.status === 'signed-in' ? <Redirect to={safeNextPath(searchParams.get('next'))} /> : <LoginPage />;
  }
  if (session.status === 'signed-out') {
    const here = pathname + (searchParams.size ? `?${searchParams.toString()}` : '');
    const next = pathname === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    return <Redirect to={`/login${next}`} />;
  }
  return <AppLayout>{renderPage(pathname)}</AppLayout>;
}
