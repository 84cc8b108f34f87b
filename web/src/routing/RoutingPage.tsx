import { Flex, Result, Tabs, Typography } from 'antd';
import { isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { navigate, useLocation } from '../router/router';
import { ReportTab } from './ReportTab';
import { listRuleSets } from './routing.api';
import { RuleSetsTab } from './RuleSetsTab';
import { SimulateTab } from './SimulateTab';
import { TeamsRepsTab } from './TeamsRepsTab';
import { useRoutingDirectory } from './useRoutingDirectory';

const TABS = ['rules', 'simulate', 'teams', 'report'] as const;
type Tab = (typeof TABS)[number];

/** Lead routing for admins and managers: versioned rule sets, what-if replays, teams and reps, allocation. */
export function RoutingPage() {
  const t = useT();
  const { searchParams } = useLocation();
  // The tab lives in the address, so going back from a lead returns to it.
  const tab: Tab = TABS.find((name) => name === searchParams.get('tab')) ?? 'rules';
  const versions = useApiQuery('routing-rule-sets', listRuleSets);
  const directory = useRoutingDirectory();

  if (isApiError(versions.error, 403)) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenHint')} />;
  }

  const label = (key: Tab) => <span data-testid={`routing-tab-${key}`}>{t(`routing.tab.${key}`)}</span>;
  return (
    <Flex vertical gap="middle">
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('routing.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('routing.intro')}</Typography.Text>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(key === 'rules' ? '/routing' : `/routing?tab=${key}`, { replace: true })}
        destroyOnHidden={false}
        items={[
          { key: 'rules', label: label('rules'), children: <RuleSetsTab directory={directory} versions={versions} /> },
          { key: 'simulate', label: label('simulate'), children: <SimulateTab versions={versions} /> },
          { key: 'teams', label: label('teams'), children: <TeamsRepsTab directory={directory} /> },
          { key: 'report', label: label('report'), children: <ReportTab /> },
        ]}
      />
    </Flex>
  );
}
