import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented } from 'antd';
import { useT } from '../i18n/I18nProvider';
import type { FieldChoice } from '../scoring/conditionFields';
import { ConditionLeafEditor } from './ConditionLeafEditor';
import type { ConditionGroup, ConditionNode } from './routing.types';
import { childrenOf, groupMode, isGroup, MAX_DEPTH, newLeaf, withChildren } from './ruleDraft';

interface ConditionGroupEditorProps {
  group: ConditionGroup;
  catalog: readonly FieldChoice[];
  readOnly: boolean;
  depth: number;
  onChange: (next: ConditionGroup) => void;
  onRemove?: () => void;
  testId: string;
}

/** An all / any group: its tests and nested groups, each addable and removable; groups nest up to the limit. */
export function ConditionGroupEditor({
  group,
  catalog,
  readOnly,
  depth,
  onChange,
  onRemove,
  testId,
}: ConditionGroupEditorProps) {
  const t = useT();
  const mode = groupMode(group);
  const children = childrenOf(group);
  const setChildren = (next: ConditionNode[]) => onChange(withChildren(mode, next));
  const replace = (index: number, node: ConditionNode) =>
    setChildren(children.map((child, i) => (i === index ? node : child)));
  const remove = (index: number) => setChildren(children.filter((_, i) => i !== index));

  return (
    <Flex
      vertical
      gap="small"
      data-testid={testId}
      style={{ borderLeft: '3px solid var(--ant-color-primary-border, #91caff)', paddingLeft: 12 }}
    >
      <Flex gap="small" align="center" wrap>
        <Segmented<'all' | 'any'>
          size="small"
          value={mode}
          disabled={readOnly}
          onChange={(next) => onChange(withChildren(next, children))}
          options={[
            { value: 'all', label: t('routing.condition.all') },
            { value: 'any', label: t('routing.condition.any') },
          ]}
          data-testid={`${testId}-mode`}
        />
        {!readOnly && (
          <>
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setChildren([...children, newLeaf()])}
              data-testid={`${testId}-add`}
            >
              {t('routing.condition.add')}
            </Button>
            {depth < MAX_DEPTH && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setChildren([...children, { all: [newLeaf()] }])}
                data-testid={`${testId}-add-group`}
              >
                {t('routing.condition.addGroup')}
              </Button>
            )}
            {onRemove && (
              <Button
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={onRemove}
                aria-label={t('routing.condition.removeGroup')}
                data-testid={`${testId}-remove`}
              />
            )}
          </>
        )}
      </Flex>
      {children.map((child, index) =>
        isGroup(child) ? (
          <ConditionGroupEditor
            key={index}
            group={child}
            catalog={catalog}
            readOnly={readOnly}
            depth={depth + 1}
            onChange={(next) => replace(index, next)}
            onRemove={() => remove(index)}
            testId={`${testId}-${index}`}
          />
        ) : (
          <ConditionLeafEditor
            key={index}
            leaf={child}
            catalog={catalog}
            readOnly={readOnly}
            onChange={(next) => replace(index, next)}
            onRemove={children.length > 1 ? () => remove(index) : undefined}
            testId={`${testId}-${index}`}
          />
        ),
      )}
    </Flex>
  );
}
