import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Result, Row, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { describeError, isApiError } from '../api/errorMessage';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { LeadMergesCard } from '../merges/LeadMergesCard';
import { useLeadEvent } from '../realtime/leadEvents';
import { LeadAssignmentCard } from '../routing/LeadAssignmentCard';
import { canGoBackInApp, navigate } from '../router/router';
import { GradeTag, UrgencyTag } from '../scoring/GradeTag';
import { LeadScoreCard } from '../scoring/LeadScoreCard';
import { ConvertLeadButton } from './ConvertLeadButton';
import { LeadActivityForm } from './LeadActivityForm';
import { LeadBehaviourCard } from './LeadBehaviourCard';
import { LeadDeadlineCard } from './LeadDeadlineCard';
import { LeadDetailsCard } from './LeadDetailsCard';
import { getLead } from './leads.api';
import { LeadStatusTag } from './LeadStatusTag';
import { LeadTimeline } from './LeadTimeline';
import { LeadTouchesTimeline } from './LeadTouchesTimeline';
import { ReleaseLeadButton } from './ReleaseLeadButton';

// Won, lost and converted leads stay with whoever reached the outcome; the server refuses to release them.
const CLOSED = new Set(['won', 'lost', 'converted']);

function goBackToList() {
  // Going back restores the list's filters and page (kept in that history entry); a lead
  // opened directly from a link or a pop-up has no list behind it, so open the list instead.
  if (canGoBackInApp()) {
    window.history.back();
  } else {
    navigate('/leads');
  }
}

export function LeadDetailPage({ leadId }: { leadId: string }) {
  const t = useT();
  const query = useApiQuery(leadId, (signal) => getLead(leadId, signal));
  const lead = query.data?.id === leadId ? query.data : undefined;
  // Another touch changes the count and the timeline and behaviour card (keyed by the count) follow.
  useLeadEvent('lead.touched', (event) => {
    if (event.leadId === leadId) query.reload();
  });
  // The background scorer raised its urgency (a trial about to end): show the new score card.
  useLeadEvent('lead.urgent', (event) => {
    if (event.leadId === leadId) query.reload();
  });
  // Bumped after anything done here (an activity, a release) so the timeline reloads with the lead.
  const [changes, setChanges] = useState(0);
  const afterChange = () => {
    query.reload();
    setChanges((current) => current + 1);
  };
  // A deadline step performed, or the lead released, reclaimed or claimed: new owner, new countdown.
  useLeadEvent('lead.deadline', (event) => {
    if (event.leadId === leadId) afterChange();
  });
  useLeadEvent('lead.pool', (event) => {
    if (event.leadId === leadId) afterChange();
  });
  // A merge or its undo moves touches and events between leads without always changing the
  // count they are keyed by, so those cards are remounted after one.
  const [revision, setRevision] = useState(0);
  const afterMergeChange = () => {
    query.reload();
    setRevision((current) => current + 1);
  };

  if (query.error !== undefined && !lead) {
    const missing = isApiError(query.error, 404) || isApiError(query.error, 403);
    return (
      <Result
        status={missing ? '404' : 'warning'}
        title={missing ? t('leadDetail.notFound') : t('common.loadFailed')}
        subTitle={missing ? undefined : describeError(query.error, t)}
        extra={[
          <Button key="back" onClick={() => navigate('/leads')}>
            {t('common.backToLeads')}
          </Button>,
          !missing && (
            <Button key="retry" type="primary" onClick={query.reload}>
              {t('common.retry')}
            </Button>
          ),
        ]}
      />
    );
  }

  return (
    <Flex vertical gap="middle">
      <Flex align="center" gap="small" wrap>
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={goBackToList}>
          {t('leadDetail.back')}
        </Button>
        {lead && (
          <>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="lead-detail-name">
              {lead.name}
            </Typography.Title>
            {lead.company && <Typography.Text type="secondary">{lead.company}</Typography.Text>}
            <LeadStatusTag status={lead.status} />
            <GradeTag grade={lead.grade} score={lead.score} />
            <UrgencyTag urgency={lead.urgency} reason={lead.urgencyReason} />
            {lead.ownerId && !CLOSED.has(lead.status) && (
              <>
                <ConvertLeadButton leadId={lead.id} />
                <ReleaseLeadButton leadId={lead.id} onReleased={afterChange} />
              </>
            )}
          </>
        )}
      </Flex>
      {lead ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Flex vertical gap="middle">
              <LeadDetailsCard lead={lead} onUpdated={query.setData} />
              <LeadBehaviourCard key={revision} leadId={lead.id} touchCount={lead.touchCount} />
              <LeadMergesCard lead={lead} revision={revision} onChanged={afterMergeChange} />
            </Flex>
          </Col>
          <Col xs={24} xl={9}>
            <Flex vertical gap="middle">
              <LeadScoreCard lead={lead} />
              <LeadDeadlineCard lead={lead} />
              <LeadAssignmentCard lead={lead} onReassigned={query.setData} />
              <LeadActivityForm leadId={lead.id} onLogged={afterChange} />
              <LeadTimeline leadId={lead.id} revision={`${revision}:${changes}:${lead.updatedAt}:${lead.touchCount}`} />
              <LeadTouchesTimeline key={revision} leadId={lead.id} touchCount={lead.touchCount} />
            </Flex>
          </Col>
        </Row>
      ) : (
        <Skeleton active paragraph={{ rows: 8 }} />
      )}
    </Flex>
  );
}
