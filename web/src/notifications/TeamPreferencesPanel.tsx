import { App, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18nProvider';
import { notificationApi, type Preferences, type TeamOption } from './notificationApi';
import { PreferenceEditor } from './PreferenceEditor';

/** A team's defaults, which its members' own preferences override: admins pick any team, a manager their own. */
export function TeamPreferencesPanel() {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [teams, setTeams] = useState<TeamOption[]>([]);
  const [teamId, setTeamId] = useState<string | null>(null);

  useEffect(() => {
    notificationApi.teams().then(
      (body) => {
        const mine = user?.role === 'admin' ? body.items : body.items.filter((team) => team.id === user?.teamId);
        setTeams(mine);
        setTeamId((current) => current ?? mine[0]?.id ?? null);
      },
      (error: unknown) => void message.error(describeError(error, t)),
    );
  }, [message, t, user?.role, user?.teamId]);

  const load = useCallback(() => notificationApi.teamPreferences(teamId!).then((body) => body.preferences), [teamId]);
  const save = useCallback(
    (body: Required<Preferences>) => notificationApi.saveTeamPreferences(teamId!, body),
    [teamId],
  );

  if (teams.length === 0)
    return <Typography.Text type="secondary">{t('notificationSettings.team.none')}</Typography.Text>;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        <Typography.Text>{t('notificationSettings.team.pick')}</Typography.Text>
        <Select
          style={{ minWidth: 220 }}
          value={teamId}
          onChange={setTeamId}
          options={teams.map((team) => ({ value: team.id, label: team.name }))}
          data-testid="team-preferences-team"
        />
      </Space>
      <Typography.Text type="secondary">{t('notificationSettings.team.hint')}</Typography.Text>
      {teamId && <PreferenceEditor key={teamId} load={load} save={save} testId="team-preferences" />}
    </Space>
  );
}
