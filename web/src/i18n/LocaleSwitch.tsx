import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from './I18nProvider';

/** One button that flips between the two languages; its label names the other language. */
export function LocaleSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      data-testid="locale-switch"
      aria-label={t('header.switchLocaleHint')}
      title={t('header.switchLocaleHint')}
      onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
    >
      {t('header.switchLocale')}
    </Button>
  );
}
