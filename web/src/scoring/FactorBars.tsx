import { Typography } from 'antd';
import { useT } from '../i18n/I18nProvider';
import styles from './FactorBars.module.css';
import type { ScoreFactor } from './scoring.types';

export const formatEffect = (effect: number) =>
  `${effect > 0 ? '+' : effect < 0 ? '−' : ''}${Math.abs(effect).toFixed(1)}`;

/** What pushed a score up (green, right of zero) or down (red, left), scaled to the strongest push. */
export function FactorBars({ factors, testId }: { factors: readonly ScoreFactor[]; testId?: string }) {
  const t = useT();
  if (factors.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('scoring.factors.none')}
      </Typography.Text>
    );
  }
  const strongest = Math.max(...factors.map((factor) => Math.abs(factor.effect)), 1e-9);
  return (
    <div className={styles.list} data-testid={testId}>
      {factors.map((factor, index) => {
        const width = `${(Math.abs(factor.effect) / strongest) * 100}%`;
        const up = factor.effect > 0;
        return (
          <div
            key={`${factor.factor}-${index}`}
            style={{ display: 'contents' }}
            data-factor={factor.factor}
            data-effect={factor.effect}
          >
            <Typography.Text className={styles.name} title={factor.factor}>
              {factor.factor}
            </Typography.Text>
            <div className={styles.track} aria-hidden>
              <div className={styles.down}>{!up && <div className={styles.barDown} style={{ width }} />}</div>
              <div className={styles.up}>{up && <div className={styles.barUp} style={{ width }} />}</div>
            </div>
            <span className={`${styles.value} ${up ? styles.valueUp : styles.valueDown}`}>
              {formatEffect(factor.effect)}
            </span>
          </div>
        );
      })}
    </div>
  );
}
