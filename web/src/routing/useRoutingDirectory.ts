import { useMemo } from 'react';
import { useApiQuery } from '../api/useApiQuery';
import { listCustomFields } from '../leads/leadEntry.api';
import { listRoutingTeams, listRoutingUsers } from './routing.api';
import { routingFieldCatalog } from './routingFields';

/** Teams, users and the field catalogue every routing tab names things by. */
export function useRoutingDirectory() {
  const teams = useApiQuery('routing-teams', listRoutingTeams);
  const users = useApiQuery('routing-users', listRoutingUsers);
  // No custom fields (or no right to list them) leaves the standard fields only.
  const customFields = useApiQuery('routing-custom-fields', (signal) =>
    listCustomFields(signal).catch(() => ({ items: [] })),
  );
  const catalog = useMemo(() => routingFieldCatalog(customFields.data?.items ?? []), [customFields.data]);
  return { teams, users, catalog };
}

export type RoutingDirectory = ReturnType<typeof useRoutingDirectory>;
