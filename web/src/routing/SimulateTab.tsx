import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Input, Row, Select, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import type { ApiQuery } from '../api/useApiQuery';
import type { ListResponse } from '../api/types';
import { useT } from '../i18n/I18nProvider';
import { simulate } from './routing.api';
import type { RuleSetSummary, Sides, Simulation, SimulationRep } from './routing.types';
import { SimulationChart } from './SimulationChart';

const DAY = 86_400_000;
const isoDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
/** The start of a local calendar day, as the instant the server compares creation times with. */
const startOf = (day: string, plusDays = 0) => new Date(new Date(`${day}T00:00:00`).getTime() + plusDays * DAY);

function SidesStat({
  title,
  sides,
  precision,
  testId,
}: {
  title: string;
  sides: Sides;
  precision: number;
  testId: string;
}) {
  const t = useT();
  return (
    <Card size="small" data-testid={testId}>
      <Flex gap="large">
        <Statistic title={`${title} · ${t('routing.sim.simulated')}`} value={sides.simulated} precision={precision} />
        <Statistic title={`${title} · ${t('routing.sim.actual')}`} value={sides.actual} precision={precision} />
      </Flex>
    </Card>
  );
}

function SimulationResult({ result }: { result: Simulation }) {
  const t = useT();
  const { summary } = result;
  return (
    <Flex vertical gap="middle" data-testid="routing-sim-result" data-leads={summary.leads}>
      {result.truncated && <Alert type="warning" showIcon title={t('routing.sim.truncated')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6}>
          <Card size="small">
            <Statistic title={t('routing.sim.leads')} value={summary.leads} />
          </Card>
        </Col>
        <Col xs={24} md={9}>
          <SidesStat title={t('routing.sim.toPool')} sides={summary.toPool} precision={0} testId="routing-sim-pool" />
        </Col>
        <Col xs={24} md={9}>
          <SidesStat
            title={t('routing.sim.conversions')}
            sides={summary.expectedConversions}
            precision={1}
            testId="routing-sim-conversions"
          />
        </Col>
      </Row>
      <SimulationChart reps={summary.reps} />
      <Table<SimulationRep>
        size="small"
        rowKey="userId"
        pagination={false}
        dataSource={summary.reps}
        data-testid="routing-sim-reps"
        columns={[
          { title: t('routing.sim.rep'), dataIndex: 'name' },
          { title: t('routing.sim.simulatedLeads'), dataIndex: 'simulatedLeads', align: 'right' },
          { title: t('routing.sim.actualLeads'), dataIndex: 'actualLeads', align: 'right' },
          {
            title: t('routing.sim.change'),
            align: 'right',
            render: (_, rep) => {
              const change = rep.simulatedLeads - rep.actualLeads;
              if (change === 0) return <Typography.Text type="secondary">0</Typography.Text>;
              return (
                <Typography.Text type={change > 0 ? 'success' : 'danger'}>
                  {change > 0 ? `+${change}` : `−${-change}`}
                </Typography.Text>
              );
            },
          },
          {
            title: t('routing.sim.peakLoad'),
            align: 'right',
            // peakLoad is the share of capacity at the busiest moment; the open leads behind it read better.
            render: (_, rep) =>
              rep.capacity === null || rep.peakLoad === null
                ? '—'
                : `${Math.round(rep.peakLoad * rep.capacity)} / ${rep.capacity} (${Math.round(rep.peakLoad * 100)}%)`,
          },
          {
            title: t('routing.sim.conversionsBoth'),
            align: 'right',
            render: (_, rep) =>
              `${rep.expectedConversions.simulated.toFixed(1)} / ${rep.expectedConversions.actual.toFixed(1)}`,
          },
        ]}
      />
    </Flex>
  );
}

/** Replays a span's leads through a stored version, beside what really happened; nothing is written. */
export function SimulateTab({ versions }: { versions: ApiQuery<ListResponse<RuleSetSummary>> }) {
  const t = useT();
  const { message } = App.useApp();
  const [version, setVersion] = useState<number | null>(null);
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 30 * DAY)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Simulation | null>(null);
  const items = versions.data?.items ?? [];
  const chosen = version ?? items.find((s) => s.status === 'draft')?.version ?? items[0]?.version ?? null;

  const run = async () => {
    if (chosen === null) return;
    setRunning(true);
    try {
      setResult(
        await simulate({
          ruleSetVersion: chosen,
          from: startOf(from).toISOString(),
          to: startOf(to, 1).toISOString(),
        }),
      );
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Flex vertical gap="middle">
      <Typography.Text type="secondary">{t('routing.sim.intro')}</Typography.Text>
      <Flex gap="small" wrap align="center">
        <Select
          value={chosen ?? undefined}
          onChange={setVersion}
          options={items.map((s) => ({
            value: s.version,
            label: `v${s.version} · ${t(`routing.status.${s.status}`)}`,
          }))}
          placeholder={t('routing.sim.version')}
          style={{ minWidth: 200 }}
          data-testid="routing-sim-version"
        />
        <Input
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          style={{ width: 170 }}
          data-testid="routing-sim-from"
        />
        <Input
          type="date"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          style={{ width: 170 }}
          data-testid="routing-sim-to"
        />
        <Button
          type="primary"
          icon={<ExperimentOutlined />}
          disabled={chosen === null || !from || !to || from > to}
          loading={running}
          onClick={() => void run()}
          data-testid="routing-sim-run"
        >
          {t('routing.sim.run')}
        </Button>
      </Flex>
      {result && <SimulationResult result={result} />}
    </Flex>
  );
}
