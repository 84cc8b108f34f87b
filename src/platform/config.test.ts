import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, smtpSettings } from './config.ts';

describe('loadConfig', () => {
  it('should apply defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, CLEW_DEMO: true, LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.CLEW_DATA_DIR).toMatch(/\/data$/);
    expect(config.CLEW_PGLITE_SHARED_BUFFERS).toBe('128MB');
    expect(loadConfig({ CLEW_PGLITE_SHARED_BUFFERS: '32MB' }).CLEW_PGLITE_SHARED_BUFFERS).toBe('32MB');
  });

  it('should read CLEW_DEMO=0 as off and treat empty values as unset', () => {
    const config = loadConfig({ CLEW_DEMO: '0', DATABASE_URL: '' });
    expect(config.CLEW_DEMO).toBe(false);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ CLEW_ADMIN_EMAIL: 'not-an-email' }, 'CLEW_ADMIN_EMAIL'],
    [{ CLEW_ADMIN_PASSWORD: 'short' }, 'CLEW_ADMIN_PASSWORD'],
    [{ CLEW_DEMO: 'maybe' }, 'CLEW_DEMO'],
    [{ SMTP_URL: 'http://mail.example.com' }, 'SMTP_URL'],
    [{ SMTP_URL: 'not a url' }, 'SMTP_URL'],
    [{ CLEW_PGLITE_SHARED_BUFFERS: '32' }, 'CLEW_PGLITE_SHARED_BUFFERS'],
    [{ CLEW_PGLITE_SHARED_BUFFERS: '32MB; DROP' }, 'CLEW_PGLITE_SHARED_BUFFERS'],
  ])('should refuse %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  it('should read SMTP_URL into the sender settings, with the port by scheme and the credentials decoded', () => {
    expect(smtpSettings(loadConfig({}))).toBeNull();
    expect(
      smtpSettings(loadConfig({ SMTP_URL: 'smtps://bot%40x.cn:p%40ss@mail.x.cn', SMTP_FROM: 'Clew <bot@x.cn>' })),
    ).toEqual({
      host: 'mail.x.cn',
      port: 465,
      secure: true,
      user: 'bot@x.cn',
      password: 'p@ss',
      from: 'Clew <bot@x.cn>',
    });
    expect(smtpSettings(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }))).toMatchObject({
      port: 2525,
      secure: false,
      user: undefined,
    });
  });
});
