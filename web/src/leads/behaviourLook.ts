import { DownloadOutlined, EyeOutlined, FieldTimeOutlined, SwapOutlined, ThunderboltOutlined } from '@ant-design/icons';
import type { KnownLeadEventType } from '../api/types';
import type { MessageKey } from '../i18n/zh-CN';

interface BehaviourLook {
  /** Absent for custom types, which are shown by their own name. */
  label?: MessageKey;
  icon: typeof EyeOutlined;
  /** Timeline dot: a preset name or a CSS colour (antd's Tag orange, which Timeline has no preset for) */
  dot: string;
  /** antd Tag preset colour for the signals that will raise a lead's urgency; the rest stay plain text. */
  tag?: 'orange' | 'red';
}

const KNOWN_LOOK: Record<KnownLeadEventType, BehaviourLook> = {
  page_view: { label: 'leadBehaviour.type.pageView', icon: EyeOutlined, dot: 'blue' },
  download: { label: 'leadBehaviour.type.download', icon: DownloadOutlined, dot: 'blue' },
  trial_expiring: { label: 'leadBehaviour.type.trialExpiring', icon: FieldTimeOutlined, dot: '#fa8c16', tag: 'orange' },
  competitor_compare: {
    label: 'leadBehaviour.type.competitorCompare',
    icon: SwapOutlined,
    dot: 'red',
    tag: 'red',
  },
};

const CUSTOM_LOOK: BehaviourLook = { icon: ThunderboltOutlined, dot: 'gray' };

function isKnownType(type: string): type is KnownLeadEventType {
  return Object.hasOwn(KNOWN_LOOK, type);
}

export function behaviourLook(type: string): BehaviourLook {
  return isKnownType(type) ? KNOWN_LOOK[type] : CUSTOM_LOOK;
}
