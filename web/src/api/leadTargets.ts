/**
 * The lead fields and UTM parameters an import column or a webhook rule can fill; `custom.<name>`
 * fills a custom field. The server checks the same list (leadTargets in src/modules/leads/lead.schemas.ts).
 */
export const LEAD_TARGETS = [
  'name',
  'phone',
  'email',
  'company',
  'website',
  'title',
  'province',
  'city',
  'source',
  'campaign',
  'landingPage',
  'referrer',
  'utm.source',
  'utm.medium',
  'utm.campaign',
  'utm.term',
  'utm.content',
  'status',
] as const;
export type LeadTarget = (typeof LEAD_TARGETS)[number];
