import { compileCondition, readLead, type CompiledCondition, type RoutingLead } from './routing-conditions.rules.ts';
import type { ConditionNode, FinalTarget, RoutingTarget } from './routing.schemas.ts';

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

/**
 * Prepares an ordered rule set once (inactive rules dropped, every condition tree compiled) so a
 * lead is routed by walking plain functions: the first matching rule with a real target wins, a
 * matching `continue` rule lets the next rules decide, and the default takes what nothing matched.
 */
export function compileRuleSet(set: RuleSetInput): CompiledRuleSet {
  const rules: { id: string; test: CompiledCondition; target: RoutingTarget }[] = set.rules
    .filter((rule) => rule.active !== false)
    .map((rule) => ({ id: rule.id, test: compileCondition(rule.when), target: rule.target }));
  return {
    route(lead) {
      const read = readLead(lead);
      const passedThrough: string[] = [];
      for (const rule of rules) {
        if (!rule.test(read)) continue;
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
