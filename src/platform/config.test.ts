import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('should apply defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, CLEW_DEMO: true, LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.CLEW_DATA_DIR).toMatch(/\/data$/);
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
  ])('should refuse %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });
});
