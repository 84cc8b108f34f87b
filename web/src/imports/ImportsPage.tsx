import { Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import { ImportWizard } from './ImportWizard';
import { RecentImports } from './RecentImports';

export function ImportsPage() {
  const t = useT();
  // Bumped when an import starts or ends, so the list below shows it.
  const [version, setVersion] = useState(0);
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('imports.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('imports.intro')}
      </Typography.Paragraph>
      <Card>
        <ImportWizard onChanged={() => setVersion((current) => current + 1)} />
      </Card>
      <Card size="small" title={t('imports.recent.title')}>
        <RecentImports version={version} />
      </Card>
    </Flex>
  );
}
