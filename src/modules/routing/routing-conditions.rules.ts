import type { Grade, UrgencyLevel } from '../scoring/scoring.schemas.ts';
import { asNumber, fieldValue, isBlank, type RuleLead } from '../scoring/scoring.rules.ts';
import type { ConditionLeaf, ConditionNode } from './routing.schemas.ts';

/** A lead as routing reads it: the scoring row plus what scoring gave it. */
export type RoutingLead = RuleLead & { score: number; grade: Grade; urgency: UrgencyLevel };

/**
 * One field of one lead, normalised once so that hundreds of rules can test it cheaply: every
 * value (a tag list gives several), as lower-case text and as a number. Text compares without
 * regard to case and numbers by value — the same equality as scoring's `sameValue`. The numbers
 * are worked out when a rule first compares numbers (most fields are only ever compared as text).
 */
class FieldView {
  readonly texts: readonly string[];
  readonly isList: boolean;
  readonly blank: boolean;
  private parsed: readonly (number | null)[] | null = null;

  constructor(
    readonly values: readonly unknown[],
    actual: unknown,
  ) {
    this.texts = values.map((value) => String(value ?? '').toLowerCase());
    this.isList = Array.isArray(actual);
    this.blank = isBlank(actual);
  }

  get numbers(): readonly (number | null)[] {
    return (this.parsed ??= this.values.map(asNumber));
  }
}

export type LeadReader = (field: string) => FieldView;

/** Reads a lead's fields through `fieldValue`, each field normalised at most once. */
export function readLead(lead: RoutingLead): LeadReader {
  const views = new Map<string, FieldView>();
  return (field) => {
    let view = views.get(field);
    if (!view) {
      const actual = fieldValue(lead, field);
      view = new FieldView(Array.isArray(actual) ? (actual as unknown[]) : [actual], actual);
      views.set(field, view);
    }
    return view;
  };
}

export type CompiledCondition = (read: LeadReader) => boolean;

type Scalar = string | number | boolean;

/** A test of one value against a field's normalised values, prepared from the expected value. */
function valueTest(expected: Scalar): (view: FieldView) => boolean {
  if (typeof expected === 'number') return (view) => view.numbers.includes(expected);
  if (typeof expected === 'boolean') return (view) => view.values.includes(expected);
  const text = expected.toLowerCase();
  return (view) => view.texts.includes(text);
}

function compileLeaf(leaf: ConditionLeaf): CompiledCondition {
  const { field } = leaf;
  switch (leaf.op) {
    case 'exists':
      return (read) => !read(field).blank;
    case 'equals': {
      const test = valueTest(leaf.value as Scalar);
      return (read) => test(read(field));
    }
    case 'in': {
      const options = (Array.isArray(leaf.value) ? leaf.value : [leaf.value as Scalar]).map(valueTest);
      return (read) => {
        const view = read(field);
        return options.some((test) => test(view));
      };
    }
    case 'contains': {
      // On a list (tags) one item must equal the value; on text the value must appear in it.
      const asItem = valueTest(leaf.value as Scalar);
      const needle = String(leaf.value ?? '').toLowerCase();
      return (read) => {
        const view = read(field);
        if (view.isList) return asItem(view);
        return needle !== '' && typeof view.values[0] === 'string' && view.texts[0]!.includes(needle);
      };
    }
    case 'range': {
      const min = leaf.min ?? -Infinity;
      const max = leaf.max ?? Infinity;
      return (read) => read(field).numbers.some((value) => value !== null && value >= min && value <= max);
    }
  }
}

/** Turns a condition tree into one function, so a rule set is parsed once and evaluated many times. */
export function compileCondition(node: ConditionNode): CompiledCondition {
  if ('all' in node) {
    const children = node.all.map(compileCondition);
    return (read) => {
      for (const child of children) if (!child(read)) return false;
      return true;
    };
  }
  if ('any' in node) {
    const children = node.any.map(compileCondition);
    return (read) => {
      for (const child of children) if (child(read)) return true;
      return false;
    };
  }
  return compileLeaf(node);
}

/** Whether the lead meets the condition tree (one-off; compile it when the same tree is used often). */
export function conditionHolds(node: ConditionNode, lead: RoutingLead): boolean {
  return compileCondition(node)(readLead(lead));
}

/**
 * The lead's values of the given fields (e.g. custom.industry, city, tags), as best-fit matches them
 * to skills; `read`, when given, is the lead's reader the rules already used.
 */
export function leadAttributes(
  lead: RoutingLead,
  fields: readonly string[],
  read: LeadReader = readLead(lead),
): string[] {
  const attributes: string[] = [];
  for (const field of fields) {
    const view = read(field);
    view.values.forEach((value, index) => {
      if (!isBlank(value)) attributes.push(view.texts[index]!);
    });
  }
  return attributes;
}
