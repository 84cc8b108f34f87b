import { App as AntApp, ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { AuthProvider } from '../auth/AuthProvider';
import { I18nProvider, useI18n } from '../i18n/I18nProvider';
import { AppRoutes } from './AppRoutes';

const antdLocales = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } as const;

function ThemedApp() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={antdLocales[locale]} theme={{ token: { borderRadius: 6 } }}>
      {/* AntApp gives message/notification/modal hooks that inherit the theme and locale. */}
      <AntApp>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <ThemedApp />
    </I18nProvider>
  );
}
