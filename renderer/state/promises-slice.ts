import type { PromiseView } from '../../shared/contract/callback-schemas';
import type { CallError } from '../../shared/contract/result';
import { zoneOffsetMinutes } from '../../shared/domain/callback-rules';
import { callCore } from './call';
import { wallToUtc } from './callback-rules';
import type { FieldErrors } from './profile-draft';
import type { SliceCreator } from './types';

// Service promises (服务承诺): "I will send the refund confirmation by Friday", owned by the
// agent until kept or broken.

export interface PromiseForm {
  customerId: string;
  customerName: string;
  description: string;
  /** datetime-local in the seat's zone. */
  dueAt: string;
  errors: FieldErrors;
  status: 'editing' | 'saving';
  failure: CallError | null;
}

export interface PromisesSlice {
  promiseItems: PromiseView[];
  promiseStatus: 'idle' | 'loading' | 'ready' | 'error';
  promiseError: CallError | null;
  promisePending: Record<string, true>;
  promiseForm: PromiseForm | null;
  promiseCreated: { promise: PromiseView; seq: number } | null;

  promisesRequested(): Promise<void>;
  promiseMarked(id: string, status: 'kept' | 'broken'): Promise<void>;
  promiseFormOpened(customer: { id: string; name: string }, seatZone: string, now: number): void;
  promiseFormEdited(changes: Partial<Pick<PromiseForm, 'description' | 'dueAt'>>): void;
  promiseFormSubmitted(seatZone: string): Promise<void>;
  promiseFormClosed(): void;
}

export const createPromisesSlice: SliceCreator<PromisesSlice> = (set, get, { api }) => {
  let seq = 0;
  return {
    promiseItems: [],
    promiseStatus: 'idle',
    promiseError: null,
    promisePending: {},
    promiseForm: null,
    promiseCreated: null,

    async promisesRequested() {
      set({ promiseStatus: 'loading', promiseError: null });
      // Supervisors watch everyone's promises (overdue first); agents their own.
      const scope = get().session?.agent.role === 'agent' ? 'mine' : 'all';
      const r = await callCore(api, 'promises.list', { scope, status: 'open' });
      if (!r.ok) {
        set({ promiseStatus: 'error', promiseError: r.error });
        return;
      }
      const items = [...r.value.items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt - b.dueAt);
      set({ promiseItems: items, promiseStatus: 'ready' });
    },

    async promiseMarked(id, status) {
      if (get().promisePending[id]) return;
      set({ promisePending: { ...get().promisePending, [id]: true }, promiseError: null });
      const r = await callCore(api, 'promises.setStatus', { id, status });
      const { [id]: _done, ...rest } = get().promisePending;
      set({ promisePending: rest });
      if (!r.ok) {
        set({ promiseError: r.error });
        return;
      }
      set({ promiseItems: get().promiseItems.filter((p) => p.id !== id) });
    },

    promiseFormOpened(customer, seatZone, now) {
      const due = new Date(now + 24 * 3_600_000 + zoneOffsetMinutes(now, seatZone) * 60_000);
      const p = (n: number) => String(n).padStart(2, '0');
      const dueAt = `${due.getUTCFullYear()}-${p(due.getUTCMonth() + 1)}-${p(due.getUTCDate())}T18:00`;
      set({ promiseForm: { customerId: customer.id, customerName: customer.name, description: '', dueAt, errors: {}, status: 'editing', failure: null } });
    },

    promiseFormEdited(changes) {
      const f = get().promiseForm;
      if (!f || f.status === 'saving') return;
      const errors = Object.fromEntries(Object.entries(f.errors).filter(([k]) => !(k in changes)));
      set({ promiseForm: { ...f, ...changes, errors, failure: null } });
    },

    async promiseFormSubmitted(seatZone) {
      const f = get().promiseForm;
      if (!f || f.status === 'saving') return;
      const errors: FieldErrors = {};
      const dueAt = wallToUtc(f.dueAt, seatZone);
      if (dueAt === null) errors.dueAt = 'validation.required';
      if (f.description.trim() === '') errors.description = 'validation.required';
      else if (f.description.trim().length > 300) errors.description = 'validation.tooLong';
      if (Object.keys(errors).length > 0 || dueAt === null) {
        set({ promiseForm: { ...f, errors } });
        return;
      }
      set({ promiseForm: { ...f, status: 'saving', errors: {}, failure: null } });
      const r = await callCore(api, 'promises.create', { customerId: f.customerId, description: f.description.trim(), dueAt });
      const now = get().promiseForm;
      if (!now) return;
      if (r.ok) {
        set({ promiseForm: null, promiseCreated: { promise: r.value, seq: ++seq } });
        if (f.customerId === get().openId) set({ notice: { key: 'profile.promiseCreated', seq: ++seq } });
        if (get().promiseStatus !== 'idle') void get().promisesRequested();
        return;
      }
      set({ promiseForm: { ...now, status: 'editing', errors: r.error.fields ? { ...r.error.fields } : {}, failure: r.error.fields ? null : r.error } });
    },

    promiseFormClosed() {
      set({ promiseForm: null });
    },
  };
};

