import { channels, type ChannelInput } from '../../shared/contract/channels';
import type { CallError } from '../../shared/contract/result';
import { callCore } from './call';
import type { FieldErrors } from './profile-draft';
import type { SliceCreator } from './types';

// The training / test simulator: ring the seat with a random demo caller or a chosen number,
// then answer or hang up as the caller's side would (calls.simulate).

export interface SimulatorDraft {
  from: string;
  dnis: string;
}

export interface SimulatorSlice {
  simulatorOpen: boolean;
  simulatorDraft: SimulatorDraft;
  simulatorErrors: FieldErrors;
  simulatorPending: boolean;
  simulatorFailure: CallError | null;

  simulatorToggled(open?: boolean): void;
  simulatorEdited(changes: Partial<SimulatorDraft>): void;
  /** "模拟来电" (random: true) or ring the number typed in the panel. */
  simulatorRingRequested(options?: { random?: boolean }): Promise<void>;
  simulatorAnswerRequested(callId: string): Promise<void>;
  simulatorHangupRequested(callId: string): Promise<void>;
}

export const createSimulatorSlice: SliceCreator<SimulatorSlice> = (set, get, { api }) => {
  const send = async (input: ChannelInput<'calls.simulate'>) => {
    if (get().simulatorPending) return null;
    set({ simulatorPending: true, simulatorFailure: null });
    const r = await callCore(api, 'calls.simulate', input);
    set({ simulatorPending: false });
    if (!r.ok) {
      if (r.error.fields && Object.keys(r.error.fields).length > 0) set({ simulatorErrors: r.error.fields });
      else set({ simulatorFailure: r.error });
      return null;
    }
    return r.value;
  };

  return {
    simulatorOpen: false,
    simulatorDraft: { from: '', dnis: '' },
    simulatorErrors: {},
    simulatorPending: false,
    simulatorFailure: null,

    simulatorToggled(open) {
      set({ simulatorOpen: open ?? !get().simulatorOpen, simulatorFailure: null });
    },

    simulatorEdited(changes) {
      const errors = Object.fromEntries(Object.entries(get().simulatorErrors).filter(([p]) => !(p in changes)));
      set({ simulatorDraft: { ...get().simulatorDraft, ...changes }, simulatorErrors: errors, simulatorFailure: null });
    },

    async simulatorRingRequested(options = {}) {
      const { from, dnis } = get().simulatorDraft;
      const raw = options.random
        ? { action: 'ring' as const }
        : { action: 'ring' as const, ...(from.trim() ? { from: from.trim() } : {}), ...(dnis.trim() ? { dnis: dnis.trim() } : {}) };
      const parsed = channels['calls.simulate'].input.safeParse(raw);
      if (!parsed.success) {
        const errors: FieldErrors = {};
        for (const issue of parsed.error.issues) {
          errors[issue.path.map(String).join('.') || '_'] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
        }
        set({ simulatorErrors: errors });
        return;
      }
      set({ simulatorErrors: {} });
      await send(raw);
    },

    async simulatorAnswerRequested(callId) {
      await send({ action: 'answer', callId });
    },

    async simulatorHangupRequested(callId) {
      await send({ action: 'hangup', callId });
    },
  };
};
