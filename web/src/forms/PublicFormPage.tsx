import { Button, ConfigProvider, Flex, Result, Spin } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import { useEffect, useRef, useState } from 'react';
import { describeError, isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { LOCALES, type Locale } from '../i18n/locale';
import { useLocation } from '../router/router';
import { getPublicForm, submitPublicForm } from './forms.api';
import type { PublicForm } from './forms.types';
import styles from './PublicFormPage.module.css';
import { PublicFormView, useFormT, type PublicFormInput } from './PublicFormView';

const antdLocales = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } as const;
const CONTEXT_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'campaign'];
const EMBED_MESSAGE = 'clew-form';
const MAX_PAGE = 2000;

/** `?lang=` wins, then the browser's languages; the visitor's choice is not stored (they may be on a kiosk). */
function initialLocale(lang: string | null): Locale {
  const wanted = [lang, ...(navigator.languages ?? [navigator.language])];
  for (const tag of wanted) {
    const language = tag?.toLowerCase().split(/[-_]/)[0];
    if (language === 'zh') return 'zh-CN';
    if (language === 'en') return 'en-US';
  }
  return 'zh-CN';
}

/** Where the visitor came from: the link's own parameters, this page, and the page before it. */
function contextOf(params: URLSearchParams, embedded: boolean): Record<string, string> {
  const context: Record<string, string> = {};
  for (const name of CONTEXT_PARAMS) {
    const value = params.get(name)?.trim();
    if (value) context[name] = value.slice(0, 200);
  }
  // Framed, the page that matters is the one around the frame (as much of it as the browser tells).
  const landing = embedded && document.referrer ? document.referrer : window.location.href;
  context.landingPage = landing.slice(0, MAX_PAGE);
  if (!embedded && document.referrer) context.referrer = document.referrer.slice(0, MAX_PAGE);
  return context;
}

function titleOf(form: PublicForm, locale: Locale): string {
  return form.title[locale] ?? Object.values(form.title).find(Boolean) ?? '';
}

/** A visitor's page: no sign-in, no app chrome; `?embed=1` when framed by the embed snippet. */
export function PublicFormPage({ slug }: { slug: string }) {
  const { searchParams } = useLocation();
  const embedded = searchParams.get('embed') === '1' && window.parent !== window;
  const [locale, setLocale] = useState<Locale>(() => initialLocale(searchParams.get('lang')));
  const t = useFormT(locale);
  const form = useApiQuery(`public-form:${slug}`, (signal) => getPublicForm(slug, signal));
  const [done, setDone] = useState<{ message: string; redirectUrl?: string } | null>(null);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.documentElement.lang = locale;
    if (form.data) document.title = titleOf(form.data, locale);
  }, [form.data, locale]);

  // The embed snippet sizes the frame to the page, so the visitor never scrolls inside it.
  useEffect(() => {
    const element = container.current;
    if (!embedded || !element) return;
    const post = () =>
      window.parent.postMessage({ type: EMBED_MESSAGE, slug, height: element.getBoundingClientRect().height }, '*');
    const observer = new ResizeObserver(post);
    observer.observe(element);
    post();
    return () => observer.disconnect();
  }, [embedded, slug]);

  const submit = async ({ values, consent, hp }: PublicFormInput) => {
    const answer = await submitPublicForm(
      slug,
      { values, context: contextOf(searchParams, embedded), ...(consent !== undefined ? { consent } : {}), hp },
      locale,
    );
    if ('redirectUrl' in answer) {
      setDone({ message: t('forms.public.redirecting'), redirectUrl: answer.redirectUrl });
      // A framed page may not navigate the page around it; the snippet does that on request.
      if (embedded) window.parent.postMessage({ type: EMBED_MESSAGE, slug, redirectUrl: answer.redirectUrl }, '*');
      else window.location.assign(answer.redirectUrl);
      return;
    }
    setDone({ message: answer.message });
  };

  let content;
  if (isApiError(form.error, 404)) {
    content = <Result status="404" title={t('forms.public.notFound')} subTitle={t('forms.public.notFoundHint')} />;
  } else if (form.error !== undefined) {
    content = (
      <Result
        status="warning"
        title={describeError(form.error, t)}
        extra={<Button onClick={form.reload}>{t('common.retry')}</Button>}
      />
    );
  } else if (!form.data) {
    content = <Spin className={styles.loading} />;
  } else if (done) {
    content = (
      <Result
        status="success"
        title={done.message}
        data-testid="public-success"
        extra={
          done.redirectUrl && (
            <a href={done.redirectUrl} target="_top" rel="noopener">
              {t('forms.public.continue')}
            </a>
          )
        }
      />
    );
  } else {
    content = <PublicFormView form={form.data} locale={locale} onSubmit={submit} />;
  }

  return (
    <ConfigProvider locale={antdLocales[locale]}>
      <div className={embedded ? styles.embedded : styles.page}>
        <div ref={container} className={styles.card}>
          <Flex justify="flex-end">
            <Button
              type="link"
              size="small"
              onClick={() => setLocale(LOCALES.find((other) => other !== locale)!)}
              data-testid="public-locale"
            >
              {t('header.switchLocale')}
            </Button>
          </Flex>
          {content}
        </div>
      </div>
    </ConfigProvider>
  );
}
