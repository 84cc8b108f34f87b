/**
 * The playbook's pure core: the default pipeline, stage gates, the tasks a stage creates and the
 * time a deal spends in each stage. Nothing here reads the clock or the database.
 */

export interface TaskTemplate {
  key: string;
  title: string;
  description?: string | null;
  talkTrack?: string | null;
  /** Hours after the deal enters the stage. */
  dueOffsetHours: number;
}

export interface StageDefinition {
  name: string;
  nameEn: string;
  winProbability: number;
  requiredFields: string[];
  requiredTasks: string[];
  taskTemplates: TaskTemplate[];
}

/** The deal fields a gate can require besides the workspace's custom fields (`custom.<name>`). */
export const standardDealFields = [
  'amount',
  'product',
  'expectedCloseAt',
  'existingSystems',
  'decisionProcess',
  'acceptanceCriteria',
] as const;
export type StandardDealField = (typeof standardDealFields)[number];

/**
 * The "three requirement elements" (seed 002) recorded before a quote: the customer's existing
 * systems, how they decide, and what they will accept the delivery against.
 */
export const requirementElements: StandardDealField[] = ['existingSystems', 'decisionProcess', 'acceptanceCriteria'];

export const MIN_STAGES = 8;
export const MAX_STAGES = 12;

/** What every new workspace gets: eight stages, the quote stage (方案提供) gated by the three elements. */
export const defaultPipeline: { name: string; nameEn: string; stages: StageDefinition[] } = {
  name: '标准销售流程',
  nameEn: 'Standard sales process',
  stages: [
    {
      name: '新线索',
      nameEn: 'New lead',
      winProbability: 0.05,
      requiredFields: [],
      requiredTasks: [],
      taskTemplates: [
        {
          key: 'first_contact',
          title: '首次联系客户',
          description: '电话或微信联系，确认身份与兴趣',
          talkTrack: '您好，我是……看到您在我们官网留言，想了解一下您的需求',
          dueOffsetHours: 24,
        },
      ],
    },
    {
      name: '初步沟通',
      nameEn: 'Initial contact',
      winProbability: 0.1,
      requiredFields: [],
      requiredTasks: [],
      taskTemplates: [{ key: 'intro_material', title: '发送公司介绍与案例包', dueOffsetHours: 48 }],
    },
    {
      name: '需求确认',
      nameEn: 'Needs confirmed',
      winProbability: 0.2,
      requiredFields: [],
      requiredTasks: ['needs_interview'],
      taskTemplates: [
        {
          key: 'needs_interview',
          title: '需求调研访谈',
          description: '记录需求三要素：现有系统、决策流程、验收标准',
          talkTrack: '目前用的是什么系统？谁来拍板，流程是怎样的？项目做到什么程度算验收通过？',
          dueOffsetHours: 72,
        },
      ],
    },
    {
      name: '方案提供',
      nameEn: 'Proposal',
      winProbability: 0.35,
      requiredFields: [...requirementElements],
      requiredTasks: [],
      taskTemplates: [
        { key: 'send_proposal', title: '发送方案与报价', dueOffsetHours: 72 },
        { key: 'proposal_feedback', title: '跟进方案反馈', dueOffsetHours: 72 + 72 },
      ],
    },
    {
      name: '商务谈判',
      nameEn: 'Negotiation',
      winProbability: 0.55,
      requiredFields: ['amount', 'product'],
      requiredTasks: [],
      taskTemplates: [{ key: 'negotiation_plan', title: '确认价格与付款条款', dueOffsetHours: 120 }],
    },
    {
      name: '合同审批',
      nameEn: 'Contract approval',
      winProbability: 0.75,
      requiredFields: ['expectedCloseAt'],
      requiredTasks: [],
      taskTemplates: [{ key: 'contract_review', title: '提交合同审批', dueOffsetHours: 48 }],
    },
    {
      name: '签约成交',
      nameEn: 'Closed won',
      winProbability: 0.95,
      requiredFields: [],
      requiredTasks: [],
      taskTemplates: [{ key: 'kickoff', title: '安排交付启动会', dueOffsetHours: 72 }],
    },
    {
      name: '回款',
      nameEn: 'Payment collected',
      winProbability: 1,
      requiredFields: [],
      requiredTasks: [],
      taskTemplates: [],
    },
  ],
};

export interface GateStage {
  id: string;
  order: number;
  requiredFields: readonly string[];
  requiredTasks: readonly string[];
}

export interface Missing {
  fields: string[];
  tasks: string[];
}

export type MoveCheck =
  | { kind: 'unknown_stage' }
  | { kind: 'same' }
  | { kind: 'backward' }
  | {
      kind: 'forward';
      /** Stages between the current one and the target, passed over without being entered. */
      passedOver: string[];
      missing: Missing;
      /** A reason is needed: the gate is unmet or the move passes over stages. */
      needsReason: boolean;
    };

/**
 * A stage's required fields must be filled to enter it or pass over it; its required tasks must be
 * done to leave it or pass over it (they are its own templates' tasks, created when it is entered).
 * So a move from `current` to `target` checks the fields of every stage after the current one up to
 * the target, and the tasks of the current stage and every stage passed over.
 */
export function checkMove(
  stages: readonly GateStage[],
  currentStageId: string,
  targetStageId: string,
  isFilled: (field: string) => boolean,
  isDone: (stageId: string, taskKey: string) => boolean,
): MoveCheck {
  const ordered = [...stages].sort((a, b) => a.order - b.order);
  const from = ordered.findIndex((stage) => stage.id === currentStageId);
  const to = ordered.findIndex((stage) => stage.id === targetStageId);
  if (from < 0 || to < 0) return { kind: 'unknown_stage' };
  if (to === from) return { kind: 'same' };
  if (to < from) return { kind: 'backward' };
  const fields = new Set<string>();
  const tasks = new Set<string>();
  for (let index = from; index <= to; index++) {
    const stage = ordered[index]!;
    if (index > from) for (const field of stage.requiredFields) if (!isFilled(field)) fields.add(field);
    if (index < to) for (const key of stage.requiredTasks) if (!isDone(stage.id, key)) tasks.add(key);
  }
  const passedOver = ordered.slice(from + 1, to).map((stage) => stage.id);
  const missing = { fields: [...fields], tasks: [...tasks] };
  return {
    kind: 'forward',
    passedOver,
    missing,
    needsReason: passedOver.length > 0 || missing.fields.length > 0 || missing.tasks.length > 0,
  };
}

/** Whether a deal's value counts as recorded: not absent, not blank text, not an empty list. */
export function isFilledValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** `custom.<name>` reads the deal's custom values; anything else is a standard deal field. */
export function dealFieldValue(
  deal: Partial<Record<StandardDealField, unknown>> & { custom: Record<string, unknown> },
  field: string,
): unknown {
  if (field.startsWith('custom.')) return deal.custom[field.slice('custom.'.length)];
  return (deal as Record<string, unknown>)[field];
}

export interface GeneratedTask {
  key: string;
  title: string;
  description: string | null;
  talkTrack: string | null;
  dueAt: Date;
}

/** The tasks entering a stage creates: one per template, due its offset after the deal entered. */
export function tasksForStage(templates: readonly TaskTemplate[], enteredAt: Date): GeneratedTask[] {
  return templates.map((template) => ({
    key: template.key,
    title: template.title,
    description: template.description ?? null,
    talkTrack: template.talkTrack ?? null,
    dueAt: new Date(enteredAt.getTime() + template.dueOffsetHours * 3_600_000),
  }));
}

/** Milliseconds spent in a stage; the stage the deal is in still counts up to `now`. */
export function timeInStage(entry: { enteredAt: Date; leftAt: Date | null }, now: Date): number {
  const end = entry.leftAt ?? now;
  return Math.max(0, end.getTime() - entry.enteredAt.getTime());
}

/**
 * What is wrong with a pipeline's stages, or null: how many, template keys unique within a stage,
 * required tasks among the stage's templates, required fields that exist.
 */
export function stagesProblem(
  stages: readonly Pick<StageDefinition, 'requiredFields' | 'requiredTasks' | 'taskTemplates'>[],
  customFieldNames: ReadonlySet<string>,
): { field: string; message: string } | null {
  if (stages.length < MIN_STAGES || stages.length > MAX_STAGES)
    return { field: 'stages', message: `A pipeline has ${MIN_STAGES} to ${MAX_STAGES} stages` };
  const known = new Set<string>(standardDealFields);
  for (const [index, stage] of stages.entries()) {
    const keys = new Set<string>();
    for (const template of stage.taskTemplates) {
      if (keys.has(template.key))
        return { field: `stages.${index}.taskTemplates`, message: `Task key "${template.key}" appears twice` };
      keys.add(template.key);
    }
    for (const key of stage.requiredTasks)
      if (!keys.has(key))
        return { field: `stages.${index}.requiredTasks`, message: `"${key}" is not one of the stage's task templates` };
    for (const field of stage.requiredFields) {
      const custom = field.startsWith('custom.') ? field.slice('custom.'.length) : null;
      if (custom !== null ? !customFieldNames.has(custom) : !known.has(field))
        return { field: `stages.${index}.requiredFields`, message: `There is no deal field "${field}"` };
    }
  }
  return null;
}
