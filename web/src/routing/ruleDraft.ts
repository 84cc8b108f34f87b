import type { MessageKey } from '../i18n/zh-CN';
import type {
  ConditionGroup,
  ConditionLeaf,
  ConditionNode,
  ConditionOperator,
  RoutingRule,
  RoutingTarget,
  RuleSetBody,
  RuleSetView,
  Scalar,
} from './routing.types';

/** The server refuses deeper trees (MAX_CONDITION_DEPTH in routing.schemas.ts). */
export const MAX_DEPTH = 6;

export const isGroup = (node: ConditionNode): node is ConditionGroup => 'all' in node || 'any' in node;
export const groupMode = (group: ConditionGroup): 'all' | 'any' => ('all' in group ? 'all' : 'any');
export const childrenOf = (group: ConditionGroup): ConditionNode[] => ('all' in group ? group.all : group.any);
export const withChildren = (mode: 'all' | 'any', children: ConditionNode[]): ConditionGroup =>
  mode === 'all' ? { all: children } : { any: children };

export const newLeaf = (): ConditionLeaf => ({ field: 'city', op: 'equals', value: '' });

function newRuleId(taken: readonly RoutingRule[]): string {
  const ids = new Set(taken.map((rule) => rule.id));
  for (let n = taken.length + 1; ; n++) {
    const id = `rule-${n}`;
    if (!ids.has(id)) return id;
  }
}

export function newRule(taken: readonly RoutingRule[], target: RoutingTarget): RoutingRule {
  return { id: newRuleId(taken), name: '', active: true, when: { all: [newLeaf()] }, target };
}

/** The editor always shows a group at the top, so a rule that is one test is shown as a group of one. */
export function editableRule(rule: RoutingRule): RoutingRule {
  return isGroup(rule.when) ? rule : { ...rule, when: { all: [rule.when] } };
}

/** …and such a group of one goes back as the bare test, so an untouched rule is saved as it came. */
function sendableCondition(node: ConditionNode): ConditionNode {
  if (!isGroup(node)) return node;
  const children = childrenOf(node);
  return children.length === 1 && !isGroup(children[0]!) ? children[0]! : node;
}

export function draftFrom(set: RuleSetView): RuleSetBody {
  return {
    rules: set.rules.map(editableRule),
    defaultTarget: set.defaultTarget,
    affinity: set.affinity,
    note: set.note,
  };
}

export function sendableBody(draft: RuleSetBody): RuleSetBody {
  return {
    ...draft,
    rules: draft.rules.map((rule) => ({ ...rule, name: rule.name.trim(), when: sendableCondition(rule.when) })),
  };
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

/** The value an operator takes when the leaf switches to it, keeping what still fits. */
export function reshapeLeaf(leaf: ConditionLeaf, op: ConditionOperator, numeric: boolean): ConditionLeaf {
  const first = Array.isArray(leaf.value) ? leaf.value[0] : leaf.value;
  const field = leaf.field;
  switch (op) {
    case 'exists':
      return { field, op };
    case 'range':
      return { field, op, min: typeof first === 'number' ? first : undefined };
    case 'in': {
      const list: Scalar[] = Array.isArray(leaf.value)
        ? leaf.value
        : first === undefined || first === ''
          ? []
          : [first];
      return { field, op, value: list };
    }
    default:
      if (numeric) return { field, op, value: typeof first === 'number' ? first : undefined };
      return { field, op, value: first === undefined ? '' : first };
  }
}

function leafProblem(leaf: ConditionLeaf): MessageKey | null {
  switch (leaf.op) {
    case 'equals':
    case 'contains':
      return leaf.value === undefined || leaf.value === '' ? 'routing.problem.value' : null;
    case 'in':
      return Array.isArray(leaf.value) && leaf.value.length > 0 ? null : 'routing.problem.values';
    case 'range':
      if (leaf.min === undefined && leaf.max === undefined) return 'routing.problem.range';
      return leaf.min !== undefined && leaf.max !== undefined && leaf.min > leaf.max
        ? 'routing.problem.rangeOrder'
        : null;
    default:
      return null;
  }
}

function conditionProblems(node: ConditionNode, depth: number): MessageKey[] {
  if (!isGroup(node)) {
    const problem = leafProblem(node);
    return problem ? [problem] : [];
  }
  const children = childrenOf(node);
  const own: MessageKey[] = [];
  if (children.length === 0) own.push('routing.problem.emptyGroup');
  if (depth > MAX_DEPTH) own.push('routing.problem.tooDeep');
  return [...own, ...children.flatMap((child) => conditionProblems(child, depth + 1))];
}

export function targetProblem(target: RoutingTarget): MessageKey | null {
  if (target.kind === 'team' && !target.teamId) return 'routing.problem.team';
  if (target.kind === 'user' && !target.userId) return 'routing.problem.user';
  return null;
}

/** What stops the draft from being saved, rule by rule (index -1: the set itself). */
export function draftProblems(draft: RuleSetBody): { rule: number; message: MessageKey }[] {
  const problems: { rule: number; message: MessageKey }[] = [];
  draft.rules.forEach((rule, index) => {
    const found = new Set<MessageKey>();
    if (!rule.name.trim()) found.add('routing.problem.name');
    for (const problem of conditionProblems(rule.when, 1)) found.add(problem);
    const target = targetProblem(rule.target);
    if (target) found.add(target);
    for (const message of found) problems.push({ rule: index, message });
  });
  const fallback = targetProblem(draft.defaultTarget);
  if (fallback) problems.push({ rule: -1, message: fallback });
  return problems;
}
