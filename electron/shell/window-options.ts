import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The security settings every Kefu Desk window runs with (DESIGN.md "Non-negotiables").
 * They are applied last, so nothing a caller passes can weaken them.
 */
export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} satisfies WebPreferences);

/**
 * Web preferences a caller may still choose. Everything else (preload, session, partition,
 * enableBlinkFeatures, additionalArguments, …) is dropped: an allowlist, so an option Electron
 * adds later cannot slip through.
 */
const CALLER_WEB_PREFERENCES = [
  'spellcheck',
  'zoomFactor',
  'devTools',
  'backgroundThrottling',
  'defaultFontFamily',
  'defaultFontSize',
  'defaultMonospaceFontSize',
  'minimumFontSize',
  'defaultEncoding',
  'disableDialogs',
  'autoplayPolicy',
  'scrollBounce',
  'textAreasAreResizable',
  'accessibleTitle',
  'disableHtmlFullscreenWindowResize',
  'enableWebSQL',
  'v8CacheOptions',
] as const satisfies readonly (keyof WebPreferences)[];

export interface SecureWindowExtras {
  /** Absolute path of the bundled preload (out/preload/preload.cjs); the only way to set one. */
  preload?: string;
}

/**
 * BrowserWindow options with the security fields forced. `overrides` may set size, title,
 * colours and the harmless web preferences above; its security fields and its preload are ignored.
 */
export function secureWindowOptions(
  overrides: BrowserWindowConstructorOptions = {},
  extras: SecureWindowExtras = {},
): BrowserWindowConstructorOptions {
  const { webPreferences: requested, ...rest } = overrides;
  const webPreferences: WebPreferences = { spellcheck: false };
  if (requested) {
    for (const key of CALLER_WEB_PREFERENCES) {
      if (Object.hasOwn(requested, key) && requested[key] !== undefined) {
        (webPreferences as Record<string, unknown>)[key] = requested[key];
      }
    }
  }
  Object.assign(webPreferences, SECURE_WEB_PREFERENCES);
  if (extras.preload) webPreferences.preload = extras.preload;
  return { ...rest, webPreferences };
}
