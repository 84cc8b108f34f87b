import { Empty, Radio, Space, Tag, Typography } from 'antd';
import { reasonText } from '../dedupe/reasonText';
import { useT } from '../i18n/I18nProvider';
import { formatPhone } from '../leads/formatPhone';
import type { MergeCandidate } from './mergeSearch';

interface MergeCandidateListProps {
  candidates: MergeCandidate[];
  selectedId: string | null;
  onSelect: (candidate: MergeCandidate) => void;
  empty: string;
}

function CandidateLabel({ candidate }: { candidate: MergeCandidate }) {
  const t = useT();
  const contacts = [candidate.phone && formatPhone(candidate.phone), candidate.email].filter(Boolean).join(' · ');
  return (
    <Space orientation="vertical" size={0}>
      <Space size={6} wrap>
        <Typography.Text strong>{candidate.name}</Typography.Text>
        {candidate.company && <Typography.Text type="secondary">{candidate.company}</Typography.Text>}
        <Tag color={candidate.reason === 'company' ? 'default' : 'orange'}>
          {reasonText(candidate.reason, candidate.score, t)}
        </Tag>
      </Space>
      <Typography.Text type="secondary">
        {candidate.visible
          ? [contacts, t('merges.owner', { name: candidate.ownerName ?? t('leads.unassigned') })]
              .filter(Boolean)
              .join(' · ')
          : t('merges.outOfScope', { name: candidate.ownerName ?? t('leads.unassigned') })}
      </Typography.Text>
    </Space>
  );
}

/** Leads to choose from; one outside the chooser's scope is shown (someone has it) but cannot be chosen. */
export function MergeCandidateList({ candidates, selectedId, onSelect, empty }: MergeCandidateListProps) {
  if (candidates.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <Radio.Group
      value={selectedId}
      onChange={(event) => {
        const candidate = candidates.find((item) => item.id === event.target.value);
        if (candidate) onSelect(candidate);
      }}
      style={{ width: '100%' }}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {candidates.map((candidate) => (
          <Radio
            key={candidate.id}
            value={candidate.id}
            disabled={!candidate.visible}
            data-testid={`merge-lead-candidate-${candidate.id}`}
          >
            <CandidateLabel candidate={candidate} />
          </Radio>
        ))}
      </Space>
    </Radio.Group>
  );
}
