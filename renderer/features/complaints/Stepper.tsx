import { useTranslation } from 'react-i18next';
import type { ComplaintView } from '../../../shared/contract/complaint-schemas';
import { STEP_NUMBERS } from '../../../shared/domain/complaint-flow';
import { useFormat } from '../../i18n/use-format';
import { latestStep } from '../../state/complaint-forms';
import { complaintStepKey } from '../screen-pop/complaint-steps';

/**
 * The six steps of the current round: done / in progress / not started, each with its SLA state
 * and due time, and who wrote it when.
 */
export function Stepper({ complaint: c }: { complaint: ComplaintView }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <ol className="complaint-stepper" aria-label={t('complaint.wizard.stepper')}>
      {STEP_NUMBERS.map((step) => {
        // Steps 1–2 of a reopened round stand from round 1.
        const record = latestStep(c, step) ?? (c.round > 1 && step <= 2 ? latestStep(c, step, 1) : undefined);
        const current = c.status === 'open' && c.currentStep === step && record?.state !== 'done';
        const done = record?.state === 'done' && !current;
        const state = current ? 'current' : done ? 'done' : 'pending';
        const name = t(`enum.complaintStep.${complaintStepKey(step)}`);
        return (
          <li key={step} className={`stepper-item is-${state} sla-${record?.slaState ?? 'none'}`} aria-current={current ? 'step' : undefined}>
            <span className="stepper-name">
              {step}. {name}
            </span>
            <span className="stepper-state">{t(current ? 'complaint.wizard.stepCurrent' : done ? 'complaint.wizard.stepDone' : 'complaint.wizard.stepPending')}</span>
            {record && (current || done) && (
              <>
                {record.slaDueAt !== null && (
                  <span className={`badge sla-badge sla-${record.slaState}`}>
                    {t(`enum.slaState.${record.slaState}`)} · {t('complaint.wizard.due', { time: fmt.dateTime(record.slaDueAt) })}
                  </span>
                )}
                <span className="stepper-author">
                  {t('complaint.wizard.writtenBy', {
                    name: record.authorName ?? t('complaint.wizard.someone'),
                    time: fmt.dateTime(record.completedAt ?? record.updatedAt),
                  })}
                </span>
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}
