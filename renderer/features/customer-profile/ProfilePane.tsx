import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../state/store-context';
import { useErrorText } from '../../ui/messages';
import { ProfileView } from './ProfileView';

const NOTICE_MS = 5000;

/** Right column: the open customer, or what to do to open one. */
export function ProfilePane() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const openId = useAppStore((s) => s.openId);
  const profile = useAppStore((s) => s.profile);
  const status = useAppStore((s) => s.profileStatus);
  const error = useAppStore((s) => s.profileError);
  const notice = useAppStore((s) => s.notice);
  const noticeDismissed = useAppStore((s) => s.noticeDismissed);
  const profileReloadRequested = useAppStore((s) => s.profileReloadRequested);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(noticeDismissed, NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, noticeDismissed]);

  let body;
  if (!openId) {
    body = (
      <div className="empty-state empty-state-large">
        <h2>{t('profile.emptyTitle')}</h2>
        <p>{t('profile.emptyHint')}</p>
      </div>
    );
  } else if (status === 'error' && error) {
    body = (
      <div className="message message-error" role="alert">
        <p>{t('profile.loadFailed', { message: errorText(error) })}</p>
        <button type="button" className="button" onClick={() => void profileReloadRequested()}>
          {t('profile.retry')}
        </button>
      </div>
    );
  } else if (profile && profile.customer.id === openId) {
    body = <ProfileView profile={profile} />;
  } else {
    body = <p className="loading">{t('profile.loading')}</p>;
  }

  return (
    <section className="profile-pane" aria-busy={status === 'loading'} aria-label={profile?.customer.name ?? t('profile.emptyTitle')}>
      <div className="notice" role="status">
        {notice ? t(notice.key) : null}
      </div>
      {body}
    </section>
  );
}
