/** What a tag rule may test; every condition given must hold. */
export interface TagRuleWhen {
  channelId?: string;
  channelType?: string;
  source?: string;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  landingPageContains?: string;
}

export interface TagRule {
  when: TagRuleWhen;
  tags: string[];
}

export interface LeadOrigin {
  channelId: string | null;
  channelType: string | null;
  source: string;
  utm: Record<string, string> | null;
  landingPage: string | null;
}

const same = (expected: string, actual: string | null | undefined) =>
  actual !== null && actual !== undefined && expected.toLowerCase() === actual.toLowerCase();

export function ruleMatches(when: TagRuleWhen, origin: LeadOrigin): boolean {
  if (Object.keys(when).length === 0) return false;
  if (when.channelId !== undefined && when.channelId !== origin.channelId) return false;
  if (when.channelType !== undefined && when.channelType !== origin.channelType) return false;
  if (when.source !== undefined && !same(when.source, origin.source)) return false;
  if (when.utmSource !== undefined && !same(when.utmSource, origin.utm?.source)) return false;
  if (when.utmMedium !== undefined && !same(when.utmMedium, origin.utm?.medium)) return false;
  if (when.utmCampaign !== undefined && !same(when.utmCampaign, origin.utm?.campaign)) return false;
  if (when.landingPageContains !== undefined) {
    const page = origin.landingPage?.toLowerCase() ?? '';
    if (!page.includes(when.landingPageContains.toLowerCase())) return false;
  }
  return true;
}

/** The tags of every rule the lead's origin matches, in rule order, each once. */
export function originTags(rules: readonly TagRule[], origin: LeadOrigin): string[] {
  return [...new Set(rules.filter((rule) => ruleMatches(rule.when, origin)).flatMap((rule) => rule.tags))];
}

/** A repeat submission adds the tags its own origin earns; none is taken away. */
export function mergeTags(existing: readonly string[], incoming: readonly string[]): string[] {
  return [...new Set([...existing, ...incoming])];
}
