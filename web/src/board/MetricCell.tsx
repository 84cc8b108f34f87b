import {
  CheckCircleOutlined,
  ExclamationCircleOutlined,
  MinusCircleOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import { useT } from '../i18n/I18nProvider';
import type { Translate } from '../i18n/translate';
import type { BoardMetrics, Colour, MetricName } from './board.types';

const tagColour: Record<Colour, string> = { red: 'error', amber: 'warning', green: 'success', none: 'default' };
// Shape as well as colour, so the state reads without telling red from green.
const icon: Record<Colour, React.ReactNode> = {
  red: <ExclamationCircleOutlined />,
  amber: <WarningOutlined />,
  green: <CheckCircleOutlined />,
  none: <MinusCircleOutlined />,
};

export function metricText(name: MetricName, metrics: BoardMetrics, t: Translate): string {
  const metric = metrics[name];
  if (metric.value === null) return t('common.none');
  if (name === 'touchRate24h') return `${Math.round(metric.value * 100)}%`;
  if (name === 'medianFirstResponseMinutes') return t('board.minutes', { value: metric.value });
  return String(metric.value);
}

/** One metric's value with its state spelt out (icon, word and label), never colour alone. */
export function MetricCell({ name, metrics }: { name: MetricName; metrics: BoardMetrics }) {
  const t = useT();
  const { colour } = metrics[name];
  const word = t(`board.colour.${colour}`);
  const value = metricText(name, metrics, t);
  const oldest =
    name === 'awaitingFirstResponse' && metrics.awaitingFirstResponse.oldestMinutes !== null
      ? t('board.oldest', { minutes: metrics.awaitingFirstResponse.oldestMinutes })
      : null;
  const label = `${t(`board.metric.${name}`)}: ${value}${oldest ? ` (${oldest})` : ''}, ${word}`;
  return (
    <Tag color={tagColour[colour]} icon={icon[colour]} aria-label={label} title={label} data-colour={colour}>
      {metrics[name].value === null ? word : `${value} · ${word}`}
    </Tag>
  );
}
