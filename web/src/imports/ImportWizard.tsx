import { Steps } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../api/useApiQuery';
import { useT } from '../i18n/I18nProvider';
import { listCustomFields } from './imports.api';
import type { StartedImport } from './imports.types';
import { ImportProgress } from './ImportProgress';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { UploadStep, type LoadedFile } from './UploadStep';

type Stage =
  | { step: 'upload' }
  | { step: 'mapping' | 'preview'; loaded: LoadedFile }
  | { step: 'progress'; started: StartedImport; settled: boolean };

const order = ['upload', 'mapping', 'preview', 'progress'] as const;

/** Upload → map the columns → preview the cleaned rows and start → watch it run. */
export function ImportWizard({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const [stage, setStage] = useState<Stage>({ step: 'upload' });
  const [mapping, setMapping] = useState<Record<string, string>>({});
  // Any role that imports may list fields; without them only lead fields are offered.
  const fields = useApiQuery('import-fields', (signal) => listCustomFields(signal).catch(() => ({ items: [] })));
  const customFields = fields.data?.items ?? [];

  return (
    <>
      <Steps
        current={order.indexOf(stage.step)}
        status={stage.step === 'progress' && stage.settled ? 'finish' : 'process'}
        style={{ marginBottom: 24 }}
        items={order.map((step) => ({ title: t(`imports.step.${step}`) }))}
      />
      {stage.step === 'upload' && (
        <UploadStep
          onLoaded={(loaded) => {
            setMapping(loaded.preview.guessedMapping);
            setStage({ step: 'mapping', loaded });
          }}
        />
      )}
      {stage.step === 'mapping' && (
        <MappingStep
          preview={stage.loaded.preview}
          customFields={customFields}
          mapping={mapping}
          onChange={setMapping}
          onBack={() => setStage({ step: 'upload' })}
          onNext={() => setStage({ step: 'preview', loaded: stage.loaded })}
        />
      )}
      {stage.step === 'preview' && (
        <PreviewStep
          file={stage.loaded.file}
          sample={stage.loaded.sample}
          headers={stage.loaded.preview.headers}
          mapping={mapping}
          customFields={customFields}
          onBack={() => setStage({ step: 'mapping', loaded: stage.loaded })}
          onStarted={(started) => {
            setStage({ step: 'progress', started, settled: false });
            onChanged();
          }}
        />
      )}
      {stage.step === 'progress' && (
        <ImportProgress started={stage.started} onSettled={onChanged} onAgain={() => setStage({ step: 'upload' })} />
      )}
    </>
  );
}
