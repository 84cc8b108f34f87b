/**
 * The public lead datasets, read as Clew leads and turned into features through the product's
 * own mapping (`leadFeatures`), so the evaluation judges exactly what the product will score.
 */
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { FieldDefinition } from '../src/modules/fields/field.rules.ts';
import { leadFeatures, type ScoringLead } from '../src/modules/scoring/features.rules.ts';
import type { TrainingExample } from '../src/modules/scoring/learner/learner.types.ts';

export const DATASETS = path.resolve(import.meta.dirname, '../../shared/datasets');

const NOW = new Date('2024-01-01T00:00:00Z');

function readCsv(file: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  return parsed.data;
}

function blankLead(source: string): ScoringLead {
  return {
    source,
    campaign: null,
    utm: null,
    landingPage: null,
    province: null,
    city: null,
    title: null,
    email: null,
    phone: null,
    company: null,
    website: null,
    tags: [],
    custom: {},
    createdAt: NOW,
    lastTouchAt: NOW,
    touchCount: 0,
  };
}

/** X Education columns and how each becomes a Clew lead field. Identifiers and the target are left out. */
const X_NUMBER = ['TotalVisits', 'Total Time Spent on Website', 'Page Views Per Visit', 'Asymmetrique Activity Score', 'Asymmetrique Profile Score'];
const X_SKIP = new Set(['Prospect ID', 'Lead Number', 'Converted', 'Lead Source', 'Tags']);

/** A column name as a custom field name: `Lead Origin` → `lead_origin`. */
export const fieldName = (column: string) =>
  column
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/**
 * Filled in after the first contact, so not known at intake: the rep's tags and quality rating,
 * the last (notable) activity, the lead profile, and the Asymmetrique activity/profile indexes and
 * scores, which the dictionary describes as "assigned to each customer based on their activity
 * and their profile" (assigned by X Education, not entered by the lead).
 */
export const X_POST_CONTACT = [
  'tags',
  `custom.${fieldName('Lead Quality')}`,
  `custom.${fieldName('Last Activity')}`,
  `custom.${fieldName('Last Notable Activity')}`,
  `custom.${fieldName('Lead Profile')}`,
  `custom.${fieldName('Asymmetrique Activity Index')}`,
  `custom.${fieldName('Asymmetrique Profile Index')}`,
  `custom.${fieldName('Asymmetrique Activity Score')}`,
  `custom.${fieldName('Asymmetrique Profile Score')}`,
];
export const X_WITHOUT_TAGS_AND_QUALITY = ['tags', `custom.${fieldName('Lead Quality')}`];

const missing = (value: string | undefined) => value === undefined || value.trim() === '' || value.trim() === 'Select';

export function xEducationExamples(exclude: readonly string[]): TrainingExample[] {
  const rows = readCsv(path.join(DATASETS, 'x-education-leads/Leads.csv'));
  const columns = Object.keys(rows[0] ?? {}).filter((column) => !X_SKIP.has(column));
  const fields: FieldDefinition[] = columns.map((column) => {
    const values = new Set(rows.map((row) => row[column]).filter((value) => !missing(value)));
    const yesNo = [...values].every((value) => value === 'Yes' || value === 'No');
    return { name: fieldName(column), type: X_NUMBER.includes(column) ? 'number' : yesNo ? 'bool' : 'select', options: null };
  });
  const excluded = new Set(exclude);
  return rows.map((row) => {
    const lead = blankLead(missing(row['Lead Source']) ? '' : row['Lead Source']!.trim());
    lead.tags = missing(row.Tags) ? [] : [row.Tags!.trim()];
    columns.forEach((column, index) => {
      const raw = row[column];
      if (missing(raw)) return;
      const type = fields[index]!.type;
      lead.custom[fieldName(column)] = type === 'number' ? Number(raw) : type === 'bool' ? raw === 'Yes' : raw!.trim();
    });
    return { features: leadFeatures(lead, fields, [], NOW, excluded), label: row.Converted === '1' ? 1 : 0 };
  });
}

/** Olist MQLs: won when the MQL is among the closed deals; dated by first contact. */
export function olistExamples(): TrainingExample[] {
  const folder = path.join(DATASETS, 'olist-marketing-funnel');
  const won = new Set(readCsv(path.join(folder, 'olist_closed_deals_dataset.csv')).map((row) => row.mql_id));
  const fields: FieldDefinition[] = [{ name: 'landing_page', type: 'select', options: null }];
  return readCsv(path.join(folder, 'olist_marketing_qualified_leads_dataset.csv')).map((row) => {
    const at = new Date(`${row.first_contact_date}T00:00:00Z`);
    const lead = { ...blankLead(row.origin?.trim() ?? ''), createdAt: at, lastTouchAt: at };
    lead.custom.landing_page = row.landing_page_id || null;
    return { features: leadFeatures(lead, fields, [], at), label: won.has(row.mql_id) ? 1 : 0, at };
  });
}

export function datasetsPresent(): string | null {
  for (const file of ['x-education-leads/Leads.csv', 'olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv', 'olist-marketing-funnel/olist_closed_deals_dataset.csv']) {
    if (!fs.existsSync(path.join(DATASETS, file))) return path.join(DATASETS, file);
  }
  return null;
}
