import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';

interface CursorPagerProps {
  pageNumber: number;
  hasNext: boolean;
  disabled: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

/** Previous/next only: cursor paging has no total and no jumping to page N. */
export function CursorPager({ pageNumber, hasNext, disabled, onPrevious, onNext }: CursorPagerProps) {
  const t = useT();
  return (
    <Space>
      <Button
        icon={<LeftOutlined />}
        disabled={disabled || pageNumber <= 1}
        onClick={onPrevious}
        data-testid="lead-page-previous"
      >
        {t('leads.pager.previous')}
      </Button>
      <Typography.Text type="secondary" data-testid="lead-page-number">
        {t('leads.pager.page', { page: pageNumber })}
      </Typography.Text>
      <Button
        icon={<RightOutlined />}
        iconPlacement="end"
        disabled={disabled || !hasNext}
        onClick={onNext}
        data-testid="lead-page-next"
      >
        {t('leads.pager.next')}
      </Button>
    </Space>
  );
}
