import { Alert, Button, Drawer, Spin } from 'antd';
import { describeError, isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { getHook, listHookPresets } from './channels.api';
import type { Channel } from './channels.types';
import { HookEditor } from './HookEditor';

export function HookDrawer({ channel, onClose }: { channel: Channel | null; onClose: () => void }) {
  const t = useT();
  return (
    <Drawer
      open={channel !== null}
      title={channel ? t('channels.hook.title', { name: channel.name }) : undefined}
      size={1080}
      onClose={onClose}
      destroyOnHidden
      data-testid="hook-drawer"
    >
      {channel && <HookLoader key={channel.id} channel={channel} />}
    </Drawer>
  );
}

function HookLoader({ channel }: { channel: Channel }) {
  const t = useT();
  const presets = useApiQuery('hook-presets', listHookPresets);
  // No hook yet is an answer, not a failure: the editor starts from a preset.
  const hook = useApiQuery(`hook:${channel.id}`, (signal) =>
    getHook(channel.id, signal).catch((error: unknown) => {
      if (isApiError(error, 404)) return null;
      throw error;
    }),
  );
  const error = presets.error ?? hook.error;
  if (error !== undefined) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        description={describeError(error, t)}
        action={
          <Button
            onClick={() => {
              presets.reload();
              hook.reload();
            }}
          >
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!presets.data || hook.data === undefined) return <Spin />;
  return <HookEditor channel={channel} presets={presets.data.items} initialHook={hook.data} />;
}
