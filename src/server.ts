import { boot } from './boot.ts';
import { ConfigError, loadConfig } from './platform/config.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const clew = await boot(config);
  const address = await clew.app.listen({ port: config.PORT, host: config.HOST });
  const url = address.replace('://127.0.0.1', '://localhost');
  const lines = [
    '',
    `  Clew is running at ${url}`,
    `  Database: ${clew.deps.database.kind === 'pglite' ? `embedded (PGlite) in ${config.CLEW_DATA_DIR}` : 'PostgreSQL'}`,
    `  API docs: ${url}/api/docs`,
  ];
  if (clew.bootstrap.created) {
    lines.push(`  Sign in as ${clew.bootstrap.adminEmail}`);
    lines.push(
      clew.bootstrap.generatedPassword
        ? `  Password (shown once, set CLEW_ADMIN_PASSWORD to choose it): ${clew.bootstrap.generatedPassword}`
        : '  Password: the CLEW_ADMIN_PASSWORD you set',
    );
    if (clew.bootstrap.demo) {
      lines.push('  Demo users (same password): li.ming@demo.clew.cn (rep), chen.jing@demo.clew.cn (manager),');
      lines.push('  lin.xue@demo.clew.cn (marketing) — see README for the whole team.');
    }
  }
  console.log(lines.join('\n') + '\n');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    clew.app.log.info({ signal }, 'shutting down');
    await clew.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
