import { api } from '../api/client';
import type { ListResponse } from '../api/types';
import type {
  Channel,
  ChannelInput,
  ChannelType,
  HookConfig,
  HookMapping,
  HookPreset,
  HookWithSecret,
  PreviewResponse,
  TagRule,
  Team,
} from './channels.types';

const hookPath = (channelId: string) => `/channels/${encodeURIComponent(channelId)}/hook`;

export function listChannels(signal?: AbortSignal): Promise<ListResponse<Channel>> {
  return api.get<ListResponse<Channel>>('/channels', { signal });
}

export function createChannel(input: ChannelInput & { type: ChannelType }): Promise<Channel> {
  // The API takes an absent campaign or team on creation, not null.
  const { campaign, ownerTeamId, ...rest } = input;
  return api.post<Channel>('/channels', {
    ...rest,
    ...(campaign ? { campaign } : {}),
    ...(ownerTeamId ? { ownerTeamId } : {}),
  });
}

export function updateChannel(id: string, input: Partial<ChannelInput>): Promise<Channel> {
  return api.patch<Channel>(`/channels/${encodeURIComponent(id)}`, input);
}

export function listTeams(signal?: AbortSignal): Promise<ListResponse<Team>> {
  return api.get<ListResponse<Team>>('/teams', { signal });
}

export function listHookPresets(signal?: AbortSignal): Promise<ListResponse<HookPreset>> {
  return api.get<ListResponse<HookPreset>>('/hook-presets', { signal });
}

export function getHook(channelId: string, signal?: AbortSignal): Promise<HookConfig> {
  return api.get<HookConfig>(hookPath(channelId), { signal });
}

/** Creates the hook (answered with its secret, once) or changes its preset and mapping. */
export function saveHook(
  channelId: string,
  preset: string,
  mapping: HookMapping,
): Promise<HookConfig | HookWithSecret> {
  return api.put<HookConfig | HookWithSecret>(hookPath(channelId), { preset, mapping });
}

export function rotateHookSecret(channelId: string): Promise<HookWithSecret> {
  return api.post<HookWithSecret>(`${hookPath(channelId)}/rotate-secret`);
}

/** The pasted text goes as text: the server parses it so 64-bit ids stay exact. */
export function previewHook(
  channelId: string,
  sample: string,
  mapping: HookMapping,
  signal?: AbortSignal,
): Promise<PreviewResponse> {
  return api.post<PreviewResponse>(`${hookPath(channelId)}/preview`, { sample, mapping }, { signal });
}

export function getTagRules(signal?: AbortSignal): Promise<{ rules: TagRule[] }> {
  return api.get<{ rules: TagRule[] }>('/channel-tag-rules', { signal });
}

/** The rules are one ordered list, replaced whole. */
export function saveTagRules(rules: TagRule[]): Promise<{ rules: TagRule[] }> {
  return api.put<{ rules: TagRule[] }>('/channel-tag-rules', { rules });
}
