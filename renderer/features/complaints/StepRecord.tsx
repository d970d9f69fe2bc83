import { useTranslation } from 'react-i18next';
import type { ComplaintStepView } from '../../../shared/contract/complaint-schemas';
import { useFormat } from '../../i18n/use-format';
import { ROOT_CAUSES } from '../../state/complaint-forms';
import { complaintStepKey } from '../screen-pop/complaint-steps';

type Fmt = ReturnType<typeof useFormat>;

/** A done record, read-only: what was written, by whom and when. */
export function StepRecord({ record }: { record: ComplaintStepView }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const rows = recordRows(record, (k) => t(k as 'complaint.title'), fmt);
  const who = record.authorName ?? t('complaint.wizard.someone');
  return (
    <details className="step-record">
      <summary>
        {record.step}. {t(`enum.complaintStep.${complaintStepKey(record.step)}`)} · {t('complaint.wizard.writtenBy', { name: who, time: fmt.dateTime(record.completedAt ?? record.updatedAt) })}
        {record.outcome && ` · ${t(OUTCOME_KEYS[record.outcome])}`}
      </summary>
      <dl className="record-facts">
        {rows.map(([label, value]) => (
          <div key={label} className="fact">
            <dt>{label}</dt>
            <dd className="verbatim">{value === '' ? t('complaint.wizard.empty') : value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** t() for keys built at run time (labels of stored enum values). */
type T = (key: string) => string;

const OUTCOME_KEYS = {
  accepted: 'complaint.solve.accepted',
  rejected: 'complaint.solve.notAccepted',
  satisfied: 'complaint.followUp.satisfiedYes',
  unsatisfied: 'complaint.followUp.satisfiedNo',
} as const;

const s = (v: unknown) => (typeof v === 'string' ? v : '');
const yesNo = (v: unknown, t: T) => (v === true ? t('complaint.wizard.yes') : v === false ? t('complaint.wizard.no') : '');

function recordRows(r: ComplaintStepView, t: T, fmt: Fmt): [string, string][] {
  const d = r.data;
  const label = <K extends string>(group: string, v: unknown, keys: readonly K[]) =>
    typeof v === 'string' && (keys as readonly string[]).includes(v) ? t(`${group}.${v}`) : s(v);
  switch (r.step) {
    case 1:
      return [
        [t('complaint.listen.customerWords'), s(d.customerWords)],
        [t('complaint.listen.channel'), s(d.channel) && t(`complaint.channel.${s(d.channel)}`)],
        [t('complaint.listen.category'), s(d.category) && t(`complaint.category.${s(d.category)}`)],
        [t('complaint.listen.subcategory'), s(d.subcategory) && t(`complaint.subcategory.${s(d.subcategory)}`)],
        [t('complaint.listen.severity'), s(d.severity) && t(`complaint.severity.${s(d.severity)}`)],
        [t('complaint.listen.wants'), s(d.wants)],
      ];
    case 2:
      return [
        [t('complaint.apologise.said'), s(d.said)],
        [t('complaint.apologise.at'), typeof d.at === 'number' ? fmt.dateTime(d.at) : ''],
      ];
    case 3:
      return [
        [t('complaint.analyse.factsChecked'), s(d.factsChecked)],
        [t('complaint.analyse.rootCause'), label('complaint.rootCause', d.rootCause, ROOT_CAUSES)],
        [t('complaint.analyse.department'), s(d.department)],
        [t('complaint.analyse.evidenceNotes'), s(d.evidenceNotes)],
      ];
    case 4:
      return [
        [t('complaint.solve.remedy'), s(d.remedy) && t(`complaint.remedy.${s(d.remedy)}`)],
        [t('complaint.solve.amount'), typeof d.amountCents === 'number' ? fmt.money(d.amountCents, s(d.currency) || 'CNY') : ''],
        [t('complaint.solve.customerAccepted'), yesNo(d.customerAccepted, t)],
      ];
    case 5:
      return [
        [t('complaint.followUp.reached'), yesNo(d.reached, t)],
        [t('complaint.followUp.satisfied'), yesNo(d.satisfied, t)],
        [t('complaint.followUp.note'), s(d.note)],
      ];
    case 6:
      return [
        [t('complaint.reflect.lesson'), s(d.lesson)],
        [t('complaint.reflect.preventiveAction'), s(d.preventiveAction)],
        [t('complaint.reflect.owner'), s(d.owner)],
        [t('complaint.reflect.dueAt'), typeof d.dueAt === 'number' ? fmt.date(d.dueAt) : ''],
      ];
  }
}
