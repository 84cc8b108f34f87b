import { App as AntApp, ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { AuthProvider } from '../auth/AuthProvider';
import { PublicFormPage } from '../forms/PublicFormPage';
import { I18nProvider, useI18n } from '../i18n/I18nProvider';
import { matchPath, useLocation } from '../router/router';
import { AppRoutes } from './AppRoutes';

const antdLocales = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } as const;

function ThemedApp() {
  const { locale } = useI18n();
  // A hosted form's page is for visitors: no session probe, no sign-in, no app chrome.
  const publicForm = matchPath('/f/:slug', useLocation().pathname);
  return (
    <ConfigProvider locale={antdLocales[locale]} theme={{ token: { borderRadius: 6 } }}>
      {/* AntApp gives message/notification/modal hooks that inherit the theme and locale. */}
      <AntApp>
        {publicForm?.slug ? (
          <PublicFormPage key={publicForm.slug} slug={publicForm.slug} />
        ) : (
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        )}
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
