import { compileCondition, readLead, type LeadReader, type RoutingLead } from './routing-conditions.rules.ts';
import type { ConditionLeaf, ConditionNode, FinalTarget, RoutingTarget } from './routing.schemas.ts';

export interface RoutingRuleInput {
  id: string;
  active?: boolean;
  when: ConditionNode;
  target: RoutingTarget;
}

export interface RuleSetInput {
  rules: readonly RoutingRuleInput[];
  defaultTarget: FinalTarget;
}

export interface RoutingDecision {
  /** The rule whose target was taken; null when the default target was. */
  ruleId: string | null;
  target: FinalTarget;
  /** Rules that matched with `continue` before the decision, in order (for the explanation). */
  passedThrough: string[];
}

export interface CompiledRuleSet {
  /** `read`: the lead's reader (`readLead(lead)`), when the caller reads the lead's fields too. */
  route(lead: RoutingLead, read?: LeadReader): RoutingDecision;
}

/** A text the lead's field must equal for the rule to hold: its `equals`/`in` leaf on strings. */
interface Guard {
  field: string;
  texts: readonly string[];
}

const isTextEquality = (node: ConditionNode): node is ConditionLeaf =>
  !('all' in node) &&
  !('any' in node) &&
  ((node.op === 'equals' && typeof node.value === 'string') ||
    (node.op === 'in' &&
      (Array.isArray(node.value)
        ? node.value.every((value) => typeof value === 'string')
        : typeof node.value === 'string')));

// Guards kept per rule, at most: one bit each in a 32-bit mask. Further ones are left to the rule's test.
const MAX_GUARDS = 32;

/**
 * The rule's guards: the text equalities the whole condition requires (the condition itself, or
 * the direct children of its top `all`), so a lead whose field has none of a guard's texts cannot
 * match. Texts compare in lower case, as the compiled leaf does.
 */
function guardsOf(when: ConditionNode): Guard[] {
  const leaves = 'all' in when ? when.all.filter(isTextEquality) : isTextEquality(when) ? [when] : [];
  return leaves.slice(0, MAX_GUARDS).map((leaf) => {
    const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
    return { field: leaf.field, texts: values.map((value) => String(value).toLowerCase()) };
  });
}

/**
 * Prepares an ordered rule set once (inactive rules dropped, every condition tree compiled) so a
 * lead is routed by walking plain functions: the first matching rule with a real target wins, a
 * matching `continue` rule lets the next rules decide, and the default takes what nothing matched.
 * Rules with guards are indexed by field and text; a lead marks, per rule, the guards its texts
 * meet, and the walk, still in order, skips the rules with a guard unmet without evaluating them
 * (of 500 rules on city × industry, a lead reaches the few of its city and industry).
 */
export function compileRuleSet(set: RuleSetInput): CompiledRuleSet {
  const rules = set.rules
    .filter((rule) => rule.active !== false)
    .map((rule) => {
      const guards = guardsOf(rule.when);
      return {
        id: rule.id,
        test: compileCondition(rule.when),
        target: rule.target,
        guards,
        // Every guard's bit: the mask a lead must reach for the rule to be tested; 0 without guards.
        needed: guards.length === 0 ? 0 : (2 ** guards.length - 1) >>> 0,
      };
    });
  // Field → text → (rule index, guard bit) pairs, flat.
  const guardIndex = new Map<string, Map<string, number[]>>();
  rules.forEach(({ guards }, index) => {
    guards.forEach((guard, number) => {
      let byText = guardIndex.get(guard.field);
      if (!byText) guardIndex.set(guard.field, (byText = new Map()));
      for (const text of new Set(guard.texts)) {
        const list = byText.get(text);
        if (list) list.push(index, (1 << number) >>> 0);
        else byText.set(text, [index, (1 << number) >>> 0]);
      }
    });
  });
  // Scratch for one route: the guards of each rule the lead meets. Routing is synchronous.
  const reached = new Uint32Array(rules.length);
  return {
    route(lead, read = readLead(lead)) {
      reached.fill(0);
      for (const [field, byText] of guardIndex) {
        for (const text of read(field).texts) {
          const list = byText.get(text);
          if (list) for (let at = 0; at < list.length; at += 2) reached[list[at]!]! |= list[at + 1]!;
        }
      }
      const passedThrough: string[] = [];
      for (let index = 0; index < rules.length; index++) {
        const rule = rules[index]!;
        if ((rule.needed !== 0 && reached[index] !== rule.needed) || !rule.test(read)) continue;
        if (rule.target.kind === 'continue') {
          passedThrough.push(rule.id);
          continue;
        }
        return { ruleId: rule.id, target: rule.target, passedThrough };
      }
      return { ruleId: null, target: set.defaultTarget, passedThrough };
    },
  };
}

/** Routes one lead through a rule set (compile the set instead when routing many leads). */
export function routeLead(set: RuleSetInput, lead: RoutingLead): RoutingDecision {
  return compileRuleSet(set).route(lead);
}
