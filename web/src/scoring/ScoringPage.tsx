import { Flex, Result, Tabs, Typography } from 'antd';
import { isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { navigate, useLocation } from '../router/router';
import { ModelTab } from './ModelTab';
import { RulesTabLoader } from './RulesTab';
import { getScoringConfig } from './scoring.api';

const TABS = ['rules', 'model'] as const;
type Tab = (typeof TABS)[number];

/** Lead scoring for admins: the rules and their live preview, and the predictive model's report. */
export function ScoringPage() {
  const t = useT();
  const { searchParams } = useLocation();
  // The tab lives in the address, so going back from a lead returns to it.
  const tab: Tab = TABS.find((name) => name === searchParams.get('tab')) ?? 'rules';
  const config = useApiQuery('scoring-config', getScoringConfig);

  if (isApiError(config.error, 403)) {
    return <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenHint')} />;
  }

  return (
    <Flex vertical gap="middle">
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('scoring.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('scoring.intro')}</Typography.Text>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(key === 'rules' ? '/scoring' : `/scoring?tab=${key}`, { replace: true })}
        destroyOnHidden={false}
        items={[
          {
            key: 'rules',
            label: <span data-testid="scoring-tab-rules">{t('scoring.tab.rules')}</span>,
            children: <RulesTabLoader config={config} />,
          },
          {
            key: 'model',
            label: <span data-testid="scoring-tab-model">{t('scoring.tab.model')}</span>,
            children: <ModelTab activeModelId={config.data?.activeModelId ?? null} onActivated={config.reload} />,
          },
        ]}
      />
    </Flex>
  );
}
