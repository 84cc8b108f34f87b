import { DownloadOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Row, Statistic } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { errorFileUrl } from './imports.api';
import type { ImportJob } from './imports.types';

const outcomes = ['created', 'merged', 'quarantined', 'rejected'] as const;

export function ImportSummary({ job }: { job: ImportJob }) {
  const { t, locale } = useI18n();
  return (
    <>
      <Row gutter={16}>
        {outcomes.map((outcome) => (
          <Col key={outcome} xs={12} sm={6}>
            <Statistic
              title={t(`imports.summary.${outcome}`)}
              value={job[outcome]}
              data-testid={`import-summary-${outcome}`}
            />
          </Col>
        ))}
      </Row>
      {job.rejected + job.quarantined > 0 && (
        <Flex>
          <Button icon={<DownloadOutlined />} href={errorFileUrl(job.id, locale)} data-testid="import-error-file">
            {t('imports.errorFile')}
          </Button>
        </Flex>
      )}
    </>
  );
}
