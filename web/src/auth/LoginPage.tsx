import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { BrandMark } from '../app/BrandMark';
import { useT } from '../i18n/I18nProvider';
import { LocaleSwitch } from '../i18n/LocaleSwitch';
import { useAuth } from './AuthProvider';
import styles from './LoginPage.module.css';

interface LoginForm {
  email: string;
  password: string;
}

export function LoginPage() {
  const t = useT();
  const { login } = useAuth();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async ({ email, password }: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      // On success the session changes and the router leaves this page, so no state to reset.
      await login(email.trim(), password);
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  return (
    <div className={styles.page}>
      <div className={styles.localeSwitch}>
        <LocaleSwitch />
      </div>
      <Card className={styles.card}>
        <div className={styles.brand}>
          <BrandMark size={40} />
          <Typography.Title level={3} className={styles.title}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        {error !== null && (
          <Alert
            type="error"
            showIcon
            title={t('login.failed')}
            description={describeError(error, t)}
            className={styles.error}
            data-testid="login-error"
          />
        )}
        <Form<LoginForm>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void submit(values)}
          disabled={submitting}
        >
          <Form.Item
            label={t('login.email')}
            name="email"
            rules={[
              { required: true, message: t('login.emailRequired') },
              { type: 'email', message: t('login.emailInvalid') },
            ]}
          >
            <Input prefix={<MailOutlined />} autoComplete="username" autoFocus size="large" data-testid="login-email" />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
