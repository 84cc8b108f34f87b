import { Flex, Select } from 'antd';
import { useT } from '../i18n/I18nProvider';
import type { RoutingTarget, RoutingTeam, RoutingUser, TargetKind } from './routing.types';

interface TargetPickerProps {
  target: RoutingTarget;
  teams: readonly RoutingTeam[];
  users: readonly RoutingUser[];
  /** The default target cannot be `continue`: there is no next rule. */
  allowContinue: boolean;
  readOnly: boolean;
  onChange: (next: RoutingTarget) => void;
  testId: string;
}

function targetOfKind(kind: TargetKind, teams: readonly RoutingTeam[]): RoutingTarget {
  if (kind === 'team') return { kind, teamId: teams[0]?.id ?? '' };
  if (kind === 'user') return { kind, userId: '' };
  return { kind };
}

/** Where a matched lead goes: a team (dealt by its strategy), a named rep, the pool, or on to the next rule. */
export function TargetPicker({ target, teams, users, allowContinue, readOnly, onChange, testId }: TargetPickerProps) {
  const t = useT();
  const kinds: TargetKind[] = allowContinue ? ['team', 'user', 'pool', 'continue'] : ['team', 'user', 'pool'];
  return (
    <Flex gap="small" wrap align="center">
      <Select
        value={target.kind}
        disabled={readOnly}
        onChange={(kind: TargetKind) => kind !== target.kind && onChange(targetOfKind(kind, teams))}
        options={kinds.map((kind) => ({ value: kind, label: t(`routing.target.${kind}`) }))}
        style={{ width: 150 }}
        aria-label={t('routing.target.kind')}
        data-testid={`${testId}-kind`}
      />
      {target.kind === 'team' && (
        <Select
          value={target.teamId || undefined}
          disabled={readOnly}
          onChange={(teamId: string) => onChange({ kind: 'team', teamId })}
          options={teams.map((team) => ({ value: team.id, label: team.name }))}
          placeholder={t('routing.target.chooseTeam')}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 180 }}
          data-testid={`${testId}-team`}
        />
      )}
      {target.kind === 'user' && (
        <Select
          value={target.userId || undefined}
          disabled={readOnly}
          onChange={(userId: string) => onChange({ kind: 'user', userId })}
          options={users
            .filter((user) => user.active || user.id === target.userId)
            .map((user) => ({ value: user.id, label: user.name }))}
          placeholder={t('routing.target.chooseRep')}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 180 }}
          data-testid={`${testId}-user`}
        />
      )}
    </Flex>
  );
}
