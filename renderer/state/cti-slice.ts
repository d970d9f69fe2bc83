import { AmiSettings, type CtiStatus } from '../../shared/contract/call-schemas';
import type { CallError } from '../../shared/contract/result';
import { callCore } from './call';
import { formErrorsFromCore } from './call-rules';
import type { FieldErrors } from './profile-draft';
import type { SliceCreator } from './types';

/** The settings form as typed: the port is text until it is checked. */
export interface AmiDraft {
  host: string;
  port: string;
  username: string;
  /** Never prefilled: the core does not send it back. */
  secret: string;
  extension: string;
}

export interface CtiSettingsForm {
  status: 'loading' | 'ready' | 'saving';
  draft: AmiDraft;
  /** A secret is stored; the form still asks for it again to save (the contract takes a whole AmiSettings). */
  hasSecret: boolean;
  /** AMI is configured now (so "关闭 AMI" means something). */
  configured: boolean;
  errors: FieldErrors;
  attempted: boolean;
  /** The current settings could not be read (the form still works, from empty). */
  loadFailure: CallError | null;
  /** Saving failed for a reason no field shows. */
  failure: CallError | null;
}

export type CtiNoticeKey = 'cti.settings.saved' | 'cti.settings.turnedOff';

export interface CtiSlice {
  ctiStatus: CtiStatus | null;
  /** The settings dialog; null when closed. */
  ctiSettings: CtiSettingsForm | null;
  ctiNotice: CtiNoticeKey | null;

  ctiStatusRequested(): Promise<void>;
  /** The core's `cti.statusChanged`, and the answer of cti.configure. */
  ctiStatusChanged(status: CtiStatus): void;
  ctiSettingsOpened(): Promise<void>;
  ctiSettingsEdited(changes: Partial<AmiDraft>): void;
  /** Save: validate everything with AmiSettings, then send the whole object. */
  ctiSettingsSaved(): Promise<void>;
  /** "关闭 AMI": configure null. */
  ctiTurnedOff(): Promise<void>;
  ctiSettingsClosed(): void;
  ctiNoticeDismissed(): void;
}

export const emptyAmiDraft = (): AmiDraft => ({ host: '', port: '5038', username: '', secret: '', extension: '' });

/** A port typed as anything but 1–5 digits is answered with the port message, like an out-of-range one. */
const portOf = (text: string): number => (/^\s*\d{1,5}\s*$/.test(text) ? Number(text.trim()) : -1);

export type AmiCheck = { ok: true; settings: AmiSettings } | { ok: false; errors: FieldErrors };

export function validateAmiDraft(draft: AmiDraft): AmiCheck {
  const parsed = AmiSettings.safeParse({ ...draft, port: portOf(draft.port) });
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    errors[path] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
  }
  // An empty extension is simply missing; the format message is for one typed wrong.
  if (errors.extension && draft.extension.trim() === '') errors.extension = 'validation.required';
  return { ok: false, errors };
}

export const createCtiSlice: SliceCreator<CtiSlice> = (set, get, { api }) => {
  const patchForm = (changes: Partial<CtiSettingsForm>) => {
    const form = get().ctiSettings;
    if (form) set({ ctiSettings: { ...form, ...changes } });
  };

  const configure = async (ami: AmiSettings | null) => {
    patchForm({ status: 'saving', failure: null });
    const r = await callCore(api, 'cti.configure', { ami });
    if (!get().ctiSettings) return;
    if (r.ok) {
      get().ctiStatusChanged(r.value);
      set({ ctiSettings: null, ctiNotice: ami ? 'cti.settings.saved' : 'cti.settings.turnedOff' });
    } else if (r.error.fields && Object.keys(r.error.fields).length > 0) {
      patchForm({ status: 'ready', errors: formErrorsFromCore(r.error.fields, 'ami'), failure: r.error.code === 'invalid_input' ? null : r.error });
    } else {
      patchForm({ status: 'ready', failure: r.error });
    }
  };

  return {
    ctiStatus: null,
    ctiSettings: null,
    ctiNotice: null,

    async ctiStatusRequested() {
      const r = await callCore(api, 'cti.status', {});
      if (r.ok && !get().ctiStatus) get().ctiStatusChanged(r.value);
    },

    ctiStatusChanged(status) {
      set({ ctiStatus: status });
    },

    async ctiSettingsOpened() {
      if (get().ctiSettings) return;
      set({
        ctiNotice: null,
        ctiSettings: {
          status: 'loading',
          draft: emptyAmiDraft(),
          hasSecret: false,
          configured: false,
          errors: {},
          attempted: false,
          loadFailure: null,
          failure: null,
        },
      });
      const r = await callCore(api, 'cti.getSettings', {});
      const form = get().ctiSettings;
      if (!form || form.status !== 'loading') return;
      if (!r.ok) {
        patchForm({ status: 'ready', loadFailure: r.error });
        return;
      }
      const ami = r.value.ami;
      patchForm({
        status: 'ready',
        configured: ami !== null,
        hasSecret: ami?.hasSecret ?? false,
        draft: ami
          ? { host: ami.host, port: String(ami.port), username: ami.username, secret: '', extension: ami.extension }
          : emptyAmiDraft(),
      });
    },

    ctiSettingsEdited(changes) {
      const form = get().ctiSettings;
      if (!form || form.status === 'saving') return;
      const draft = { ...form.draft, ...changes };
      let errors: FieldErrors;
      if (form.attempted) {
        const check = validateAmiDraft(draft);
        errors = check.ok ? {} : check.errors;
      } else {
        errors = Object.fromEntries(Object.entries(form.errors).filter(([p]) => !(p in changes)));
      }
      patchForm({ draft, errors, failure: null });
    },

    async ctiSettingsSaved() {
      const form = get().ctiSettings;
      if (!form || form.status !== 'ready') return;
      const check = validateAmiDraft(form.draft);
      if (!check.ok) {
        patchForm({ errors: check.errors, attempted: true, failure: null });
        return;
      }
      patchForm({ errors: {}, attempted: true });
      await configure(check.settings);
    },

    async ctiTurnedOff() {
      const form = get().ctiSettings;
      if (!form || form.status !== 'ready') return;
      await configure(null);
    },

    ctiSettingsClosed() {
      if (get().ctiSettings?.status === 'saving') return;
      set({ ctiSettings: null });
    },

    ctiNoticeDismissed() {
      set({ ctiNotice: null });
    },
  };
};
