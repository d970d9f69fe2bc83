// The few words the shell itself shows (menu, startup error box). The renderer has the real
// i18n catalogues; the main process cannot load them before a window exists, so these live here.

export type ShellLocale = 'zh-CN' | 'zh-TW' | 'en';

/** OS locale (app.getLocale(), e.g. "zh-CN", "zh-HK", "en-US") → one of ours; zh-CN first. */
export function shellLocale(osLocale: string | null | undefined): ShellLocale {
  const l = (osLocale ?? '').toLowerCase();
  if (l.startsWith('en')) return 'en';
  if (l === 'zh-tw' || l === 'zh-hk' || l === 'zh-mo' || l.startsWith('zh-hant')) return 'zh-TW';
  return 'zh-CN';
}

const TEXT = {
  'zh-CN': {
    file: '文件',
    quit: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    devTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '全屏',
    window: '窗口',
    minimize: '最小化',
    close: '关闭窗口',
    about: '关于 Kefu Desk',
    hide: '隐藏 Kefu Desk',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
    startupFailedTitle: 'Kefu Desk 无法启动',
    startupFailed: '启动时出错：',
    callbackDueTitle: '回访到时间了',
    callbackDue: (who: string, phone: string) => `请致电 ${who}（${phone}）。`,
    databaseTooNew: (found: number, supported: number) =>
      `客户数据库由更新版本的 Kefu Desk 写入（数据库版本 ${found}，本程序最高支持 ${supported}）。请升级本程序；数据库未作任何改动。`,
  },
  'zh-TW': {
    file: '檔案',
    quit: '結束',
    edit: '編輯',
    undo: '復原',
    redo: '重做',
    cut: '剪下',
    copy: '複製',
    paste: '貼上',
    selectAll: '全選',
    view: '檢視',
    reload: '重新載入',
    devTools: '開發者工具',
    resetZoom: '實際大小',
    zoomIn: '放大',
    zoomOut: '縮小',
    fullScreen: '全螢幕',
    window: '視窗',
    minimize: '最小化',
    close: '關閉視窗',
    about: '關於 Kefu Desk',
    hide: '隱藏 Kefu Desk',
    hideOthers: '隱藏其他',
    unhide: '全部顯示',
    startupFailedTitle: 'Kefu Desk 無法啟動',
    startupFailed: '啟動時發生錯誤：',
    callbackDueTitle: '回訪時間到了',
    callbackDue: (who: string, phone: string) => `請致電 ${who}（${phone}）。`,
    databaseTooNew: (found: number, supported: number) =>
      `客戶資料庫由較新版本的 Kefu Desk 寫入（資料庫版本 ${found}，本程式最高支援 ${supported}）。請更新本程式；資料庫未作任何變更。`,
  },
  en: {
    file: 'File',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Full Screen',
    window: 'Window',
    minimize: 'Minimize',
    close: 'Close Window',
    about: 'About Kefu Desk',
    hide: 'Hide Kefu Desk',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    startupFailedTitle: 'Kefu Desk could not start',
    startupFailed: 'Startup failed: ',
    callbackDueTitle: 'Callback due',
    callbackDue: (who: string, phone: string) => `Call ${who} (${phone}).`,
    databaseTooNew: (found: number, supported: number) =>
      `This customer database was written by a newer Kefu Desk (schema ${found}; this app knows up to ${supported}). Update the app; the database was left untouched.`,
  },
} as const;

export type ShellText = (typeof TEXT)[ShellLocale];
export const shellText = (locale: ShellLocale): ShellText => TEXT[locale];

/** Title and body for `dialog.showErrorBox` when the app cannot start. */
export function startupErrorText(err: unknown, locale: ShellLocale): { title: string; message: string } {
  const t = shellText(locale);
  const e = err as { name?: unknown; message?: unknown; found?: unknown; supported?: unknown } | null;
  if (e && e.name === 'DatabaseTooNewError' && typeof e.found === 'number' && typeof e.supported === 'number') {
    return { title: t.startupFailedTitle, message: t.databaseTooNew(e.found, e.supported) };
  }
  const detail = e && typeof e.message === 'string' && e.message ? e.message : String(err);
  return { title: t.startupFailedTitle, message: `${t.startupFailed}${detail}` };
}
