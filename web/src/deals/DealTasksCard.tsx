import { App, Button, Card, List, Tag, Typography } from 'antd';
import { describeError } from '../api/errorMessage';
import { useI18n } from '../i18n/I18nProvider';
import { completeTask, type DealTask } from './deals.api';

/** The stage tasks with their talk-tracks; done ones stay listed. */
export function DealTasksCard({ tasks, onChanged }: { tasks: DealTask[]; onChanged: () => void }) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();

  const complete = async (task: DealTask) => {
    try {
      await completeTask(task.id);
      onChanged();
    } catch (error) {
      message.error(describeError(error, t));
    }
  };

  return (
    <Card size="small" title={t('deals.tasks')}>
      <List
        dataSource={tasks}
        locale={{ emptyText: t('deals.noTasks') }}
        renderItem={(task) => (
          <List.Item
            data-testid={`deal-task-${task.key}`}
            actions={
              task.status === 'open'
                ? [
                    <Button
                      key="done"
                      size="small"
                      onClick={() => void complete(task)}
                      data-testid="deal-task-complete"
                    >
                      {t('deals.complete')}
                    </Button>,
                  ]
                : [
                    <Tag key="done" color="success">
                      {t('deals.done')}
                    </Tag>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <>
                  {task.title} {task.overdue && <Tag color="error">{t('deals.overdue')}</Tag>}
                </>
              }
              description={
                <>
                  <div>{t('deals.dueAt', { at: formatDateTime(task.dueAt) })}</div>
                  {task.talkTrack && <Typography.Text type="secondary">{task.talkTrack}</Typography.Text>}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
