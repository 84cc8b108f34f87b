import { Button, Result } from 'antd';
import { useT } from '../i18n/I18nProvider';
import { navigate } from '../router/router';

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('common.notFoundTitle')}
      subTitle={t('common.notFoundHint')}
      extra={
        <Button type="primary" onClick={() => navigate('/leads')}>
          {t('common.backToLeads')}
        </Button>
      }
    />
  );
}
