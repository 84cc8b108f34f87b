import { InboxOutlined } from '@ant-design/icons';
import { Alert, Spin, Typography, Upload } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/errorMessage';
import { useT } from '../i18n/I18nProvider';
import { previewImport } from './imports.api';
import type { ImportPreview } from './imports.types';
import { previewSample } from './importTargets';

export interface LoadedFile {
  file: File;
  /** What the preview reads: the start of a CSV, a whole .xlsx. */
  sample: Blob;
  preview: ImportPreview;
}

export function UploadStep({ onLoaded }: { onLoaded: (loaded: LoadedFile) => void }) {
  const t = useT();
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const read = async (file: File) => {
    setReading(true);
    setError(null);
    try {
      const sample = await previewSample(file);
      onLoaded({ file, sample, preview: await previewImport(sample, file.name) });
    } catch (caught) {
      setError(caught);
    } finally {
      setReading(false);
    }
  };

  return (
    <Spin spinning={reading} description={t('imports.upload.reading')}>
      <div data-testid="import-dropzone">
        <Upload.Dragger
          accept=".csv,.txt,.tsv,.xlsx"
          multiple={false}
          showUploadList={false}
          disabled={reading}
          beforeUpload={(file) => {
            void read(file);
            // The file goes up with the import itself; nothing is sent now but the preview.
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <Typography.Paragraph strong>{t('imports.upload.drop')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('imports.upload.hint')}</Typography.Paragraph>
        </Upload.Dragger>
      </div>
      {error !== null && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 16 }}
          title={describeError(error, t)}
          data-testid="import-upload-error"
        />
      )}
    </Spin>
  );
}
