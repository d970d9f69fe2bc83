import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../state/store-context';
import { messageKeyOf, useErrorText } from '../../ui/messages';

const NOTICE_MS = 5000;

/** "AMI 已连接 / 连接中 / 未连接 / 认证失败 / 未配置" in the top bar; its details (malformed lines…) in the tooltip; click for the settings. */
export function CtiStatusIndicator() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const status = useAppStore((s) => s.ctiStatus);
  const notice = useAppStore((s) => s.ctiNotice);
  const ctiSettingsOpened = useAppStore((s) => s.ctiSettingsOpened);
  const ctiNoticeDismissed = useAppStore((s) => s.ctiNoticeDismissed);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(ctiNoticeDismissed, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, ctiNoticeDismissed]);

  if (!status) return null;
  const stateText = t(`enum.ctiState.${status.state}`);
  const details = [
    t('cti.title', { state: stateText }),
    status.extension ? t('cti.extension', { ext: status.extension }) : null,
    status.host ? t('cti.host', { host: status.host }) : null,
    t('cti.malformed', { n: status.malformedLines }),
    t('cti.unknownEvents', { n: status.unknownEvents }),
    status.lastError ? t('cti.lastError', { message: messageKeyOf(status.lastError) ? errorText(status.lastError) : status.lastError }) : null,
  ].filter((line): line is string => line !== null);

  return (
    <div className="cti-status">
      <button
        type="button"
        className={`cti-indicator cti-${status.state}`}
        title={`${details.join('\n')}\n${t('cti.openSettings')}`}
        aria-describedby="cti-details"
        aria-haspopup="dialog"
        onClick={() => void ctiSettingsOpened()}
      >
        <span className="cti-dot" aria-hidden="true" />
        {t('cti.indicator', { state: stateText })}
        {status.malformedLines > 0 && (
          <span className="cti-count" aria-hidden="true">
            {status.malformedLines}
          </span>
        )}
      </button>
      <span id="cti-details" className="visually-hidden">
        {details.join('；')}
      </span>
      {notice && (
        <p className="cti-notice" role="status">
          {t(notice)}
        </p>
      )}
    </div>
  );
}
