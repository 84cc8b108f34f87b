import { compileCondition, readLead, type RoutingLead } from './routing-conditions.rules.ts';
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
  route(lead: RoutingLead): RoutingDecision;
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

/**
 * The rule's guard: a text equality the whole condition requires (the condition itself, or a
 * direct child of its top `all`), so a lead whose field has none of those texts cannot match.
 * Texts compare in lower case, as the compiled leaf does.
 */
function guardOf(when: ConditionNode): Guard | null {
  const leaf = 'all' in when ? when.all.find(isTextEquality) : isTextEquality(when) ? when : undefined;
  if (!leaf) return null;
  const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
  return { field: leaf.field, texts: values.map((value) => String(value).toLowerCase()) };
}

/**
 * Prepares an ordered rule set once (inactive rules dropped, every condition tree compiled) so a
 * lead is routed by walking plain functions: the first matching rule with a real target wins, a
 * matching `continue` rule lets the next rules decide, and the default takes what nothing matched.
 * Rules with a guard are indexed by field and text; a lead marks the rules its texts can reach and
 * the walk, still in order, skips the others without evaluating them (most of 500 rules on city).
 */
export function compileRuleSet(set: RuleSetInput): CompiledRuleSet {
  const rules = set.rules
    .filter((rule) => rule.active !== false)
    .map((rule) => ({
      id: rule.id,
      test: compileCondition(rule.when),
      target: rule.target,
      guard: guardOf(rule.when),
    }));
  const guardIndex = new Map<string, Map<string, number[]>>();
  rules.forEach(({ guard }, index) => {
    if (!guard) return;
    let byText = guardIndex.get(guard.field);
    if (!byText) guardIndex.set(guard.field, (byText = new Map()));
    for (const text of new Set(guard.texts)) {
      const list = byText.get(text);
      if (list) list.push(index);
      else byText.set(text, [index]);
    }
  });
  // Scratch for one route: which guarded rules the lead can reach. Routing is synchronous.
  const reachable = new Uint8Array(rules.length);
  return {
    route(lead) {
      const read = readLead(lead);
      reachable.fill(0);
      for (const [field, byText] of guardIndex) {
        for (const text of read(field).texts) {
          const list = byText.get(text);
          if (list) for (const index of list) reachable[index] = 1;
        }
      }
      const passedThrough: string[] = [];
      for (let index = 0; index < rules.length; index++) {
        const rule = rules[index]!;
        if ((rule.guard && reachable[index] === 0) || !rule.test(read)) continue;
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
