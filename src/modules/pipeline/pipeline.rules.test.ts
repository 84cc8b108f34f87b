import { describe, expect, it } from 'vitest';
import {
  checkMove,
  dealFieldValue,
  defaultPipeline,
  isFilledValue,
  MAX_STAGES,
  MIN_STAGES,
  requirementElements,
  stagesProblem,
  tasksForStage,
  timeInStage,
  type GateStage,
} from './pipeline.rules.ts';

const stages: GateStage[] = [
  { id: 's1', order: 1, requiredFields: [], requiredTasks: ['call'] },
  { id: 's2', order: 2, requiredFields: ['budget'], requiredTasks: [] },
  { id: 's3', order: 3, requiredFields: ['decision', 'criteria'], requiredTasks: ['demo'] },
  { id: 's4', order: 4, requiredFields: ['amount'], requiredTasks: [] },
];

describe('checkMove', () => {
  const cases: {
    name: string;
    from: string;
    to: string;
    filled: string[];
    done: string[];
    expected: ReturnType<typeof checkMove>;
  }[] = [
    {
      name: 'one stage forward with everything met',
      from: 's1',
      to: 's2',
      filled: ['budget'],
      done: ['s1:call'],
      expected: { kind: 'forward', passedOver: [], missing: { fields: [], tasks: [] }, needsReason: false },
    },
    {
      name: 'one stage forward: the current stage’s task and the target’s field missing',
      from: 's1',
      to: 's2',
      filled: [],
      done: [],
      expected: {
        kind: 'forward',
        passedOver: [],
        missing: { fields: ['budget'], tasks: ['call'] },
        needsReason: true,
      },
    },
    {
      name: 'a task done in another stage does not count',
      from: 's1',
      to: 's2',
      filled: ['budget'],
      done: ['s2:call'],
      expected: { kind: 'forward', passedOver: [], missing: { fields: [], tasks: ['call'] }, needsReason: true },
    },
    {
      name: 'passing over stages needs a reason even with the gates met',
      from: 's1',
      to: 's3',
      filled: ['budget', 'decision', 'criteria'],
      done: ['s1:call'],
      expected: { kind: 'forward', passedOver: ['s2'], missing: { fields: [], tasks: [] }, needsReason: true },
    },
    {
      name: 'passing over collects every passed stage’s fields and tasks, not the target’s tasks',
      from: 's1',
      to: 's4',
      filled: ['decision'],
      done: [],
      expected: {
        kind: 'forward',
        passedOver: ['s2', 's3'],
        missing: { fields: ['budget', 'criteria', 'amount'], tasks: ['call', 'demo'] },
        needsReason: true,
      },
    },
    {
      name: 'backward is always allowed',
      from: 's3',
      to: 's1',
      filled: [],
      done: [],
      expected: { kind: 'backward' },
    },
    { name: 'the same stage', from: 's2', to: 's2', filled: [], done: [], expected: { kind: 'same' } },
    {
      name: 'a stage of another pipeline',
      from: 's2',
      to: 'x',
      filled: [],
      done: [],
      expected: { kind: 'unknown_stage' },
    },
  ];
  for (const testCase of cases) {
    it(`should answer ${testCase.name}`, () => {
      const filled = new Set(testCase.filled);
      const done = new Set(testCase.done);
      expect(
        checkMove(
          stages,
          testCase.from,
          testCase.to,
          (field) => filled.has(field),
          (stageId, key) => done.has(`${stageId}:${key}`),
        ),
      ).toEqual(testCase.expected);
    });
  }

  it('should order stages by their order, not by their position in the list', () => {
    const shuffled = [stages[2]!, stages[0]!, stages[3]!, stages[1]!];
    const check = checkMove(
      shuffled,
      's1',
      's3',
      () => true,
      () => true,
    );
    expect(check).toMatchObject({ kind: 'forward', passedOver: ['s2'] });
  });
});

describe('the default pipeline', () => {
  it('should have 8–12 stages with the quote stage gated by the three requirement elements', () => {
    expect(defaultPipeline.stages.length).toBeGreaterThanOrEqual(MIN_STAGES);
    expect(defaultPipeline.stages.length).toBeLessThanOrEqual(MAX_STAGES);
    const proposal = defaultPipeline.stages.find((stage) => stage.name === '方案提供')!;
    expect(proposal.nameEn).toBe('Proposal');
    expect(proposal.requiredFields).toEqual(requirementElements);
    expect(requirementElements).toHaveLength(3);
    expect(stagesProblem(defaultPipeline.stages, new Set())).toBeNull();
  });

  it('should refuse entering the quote stage until the three elements are recorded', () => {
    const gateStages = defaultPipeline.stages.map((stage, index) => ({ id: `s${index}`, order: index, ...stage }));
    const proposalIndex = defaultPipeline.stages.findIndex((stage) => stage.nameEn === 'Proposal');
    const check = checkMove(
      gateStages,
      `s${proposalIndex - 1}`,
      `s${proposalIndex}`,
      () => false,
      () => true,
    );
    expect(check).toMatchObject({ kind: 'forward', missing: { fields: requirementElements, tasks: [] } });
  });
});

describe('isFilledValue and dealFieldValue', () => {
  it.each([
    [null, false],
    [undefined, false],
    ['', false],
    ['   ', false],
    [[], false],
    ['SAP', true],
    [0, true],
    [false, true],
    [['a'], true],
  ])('should say whether %j is recorded', (value, expected) => {
    expect(isFilledValue(value)).toBe(expected);
  });

  it('should read custom.<name> from the custom values and others from the deal', () => {
    const deal = { amount: 100, custom: { region: '华东' } };
    expect(dealFieldValue(deal, 'amount')).toBe(100);
    expect(dealFieldValue(deal, 'custom.region')).toBe('华东');
    expect(dealFieldValue(deal, 'custom.none')).toBeUndefined();
  });
});

describe('tasksForStage', () => {
  it('should make one task per template due its offset after entering, in hours', () => {
    const enteredAt = new Date('2026-12-01T10:00:00.000Z');
    const tasks = tasksForStage(
      [
        { key: 'a', title: 'A', dueOffsetHours: 24, talkTrack: '您好' },
        { key: 'b', title: 'B', description: 'd', dueOffsetHours: 0.5 },
      ],
      enteredAt,
    );
    expect(tasks).toEqual([
      { key: 'a', title: 'A', description: null, talkTrack: '您好', dueAt: new Date('2026-12-02T10:00:00.000Z') },
      { key: 'b', title: 'B', description: 'd', talkTrack: null, dueAt: new Date('2026-12-01T10:30:00.000Z') },
    ]);
  });

  it('should make nothing for a stage without templates', () => {
    expect(tasksForStage([], new Date())).toEqual([]);
  });
});

describe('timeInStage', () => {
  const now = new Date('2026-12-03T00:00:00.000Z');
  it('should measure a finished stay from entering to leaving', () => {
    expect(
      timeInStage(
        { enteredAt: new Date('2026-12-01T00:00:00.000Z'), leftAt: new Date('2026-12-01T06:00:00.000Z') },
        now,
      ),
    ).toBe(6 * 3_600_000);
  });
  it('should measure the current stay up to now', () => {
    expect(timeInStage({ enteredAt: new Date('2026-12-02T00:00:00.000Z'), leftAt: null }, now)).toBe(86_400_000);
  });
});

describe('stagesProblem', () => {
  const stage = { requiredFields: [] as string[], requiredTasks: [] as string[], taskTemplates: [] as never[] };
  const eight = Array.from({ length: 8 }, () => stage);
  it.each([
    ['too few stages', eight.slice(1), 'stages'],
    ['too many stages', [...eight, ...eight], 'stages'],
    ['an unknown field', [{ ...stage, requiredFields: ['budget'] }, ...eight.slice(1)], 'stages.0.requiredFields'],
    [
      'an unknown custom field',
      [...eight.slice(1), { ...stage, requiredFields: ['custom.nope'] }],
      'stages.7.requiredFields',
    ],
    [
      'a required task without template',
      [{ ...stage, requiredTasks: ['x'] }, ...eight.slice(1)],
      'stages.0.requiredTasks',
    ],
    [
      'a template key twice',
      [
        {
          ...stage,
          taskTemplates: [
            { key: 'x', title: 'x', dueOffsetHours: 1 },
            { key: 'x', title: 'y', dueOffsetHours: 1 },
          ],
        },
        ...eight.slice(1),
      ],
      'stages.0.taskTemplates',
    ],
  ])('should refuse %s', (_name, candidate, field) => {
    expect(stagesProblem(candidate, new Set(['region']))?.field).toBe(field);
  });

  it('should accept known standard and custom fields and required tasks among the templates', () => {
    const good = [
      {
        requiredFields: ['amount', 'custom.region'],
        requiredTasks: ['x'],
        taskTemplates: [{ key: 'x', title: 'x', dueOffsetHours: 1 }],
      },
      ...eight.slice(1),
    ];
    expect(stagesProblem(good, new Set(['region']))).toBeNull();
  });
});
