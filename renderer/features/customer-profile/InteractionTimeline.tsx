import { isDisposition } from '../../ui/disposition';
import { useTranslation } from 'react-i18next';
import type { InteractionView } from '../../../shared/contract/customer-schemas';
import { splitDuration } from '../../i18n/format';
import { useFormat } from '../../i18n/use-format';
import { Panel } from './ui';

export function InteractionTimeline({ interactions }: { interactions: InteractionView[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Panel id="panel-interactions" title={t('profile.sections.interactions')} className="panel-wide">
      {interactions.length === 0 ? (
        <p className="muted">{t('profile.interactions.none')}</p>
      ) : (
        <ol className="timeline">
          {interactions.map((i) => (
            <li key={i.id} className="timeline-item">
              <div className="timeline-head">
                <time dateTime={new Date(i.startedAt).toISOString()}>{fmt.dateTime(i.startedAt)}</time>
                <span className={`badge channel channel-${i.channel}`}>{t(`enum.channel.${i.channel}`)}</span>
                <span className="badge badge-quiet">{t(`enum.direction.${i.direction}`)}</span>
                {i.durationS !== null && <span className="muted">{t('profile.interactions.duration', splitDuration(i.durationS))}</span>}
              </div>
              <div className="timeline-meta muted">
                {i.agentName && <span>{t('profile.interactions.byAgent', { name: i.agentName })}</span>}
                {i.disposition && <span>{t('profile.interactions.dispositionIs', { code: isDisposition(i.disposition) ? t(`enum.disposition.${i.disposition}`) : i.disposition })}</span>}
              </div>
              {i.summary && <p className="timeline-summary">{i.summary}</p>}
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}
