import { useCallback } from 'react';
import { notificationApi, type Preferences } from './notificationApi';
import { PreferenceEditor } from './PreferenceEditor';

/** My preferences: events × channels, and quiet hours in my time zone (over my team's defaults). */
export function PreferencesPanel() {
  const load = useCallback(() => notificationApi.myPreferences().then((body) => body.effective), []);
  const save = useCallback((body: Required<Preferences>) => notificationApi.saveMyPreferences(body), []);
  return <PreferenceEditor load={load} save={save} testId="preferences" />;
}
