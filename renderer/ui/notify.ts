// Desktop notifications (callback reminders, wallboard alerts): the Notification API where the
// host has one, never throwing — a host that refuses them still has the in-app toast or banner.

export const notificationApi = (): typeof Notification | null => (typeof globalThis.Notification === 'function' ? globalThis.Notification : null);

/**
 * Shows one notification (the caller checks the permission the store tracks); a click brings the
 * window forward and runs `onClick`.
 */
export function showDesktopNotification(title: string, options: NotificationOptions, onClick?: () => void): void {
  const api = notificationApi();
  if (!api) return;
  try {
    const n = new api(title, options);
    n.onclick = () => {
      window.focus();
      onClick?.();
      n.close();
    };
  } catch {
    // Some hosts refuse notifications outright; the in-app message is there anyway.
  }
}
