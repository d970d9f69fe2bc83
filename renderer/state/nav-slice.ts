import type { SliceCreator } from './types';

/** The seat's views (Alt+1…5 in this order); the call cards stay on screen whichever is open. */
export const VIEWS = ['customers', 'callbacks', 'promises', 'calendar', 'complaints'] as const;
export type View = (typeof VIEWS)[number];

export interface NavSlice {
  view: View;
  /** Alt+1…5 or the top bar's nav: another view. Opening the queue (re)loads it; leaving the complaints view saves the wizard's draft. */
  viewChanged(view: View): void;
}

export const createNavSlice: SliceCreator<NavSlice> = (set, get) => ({
  view: 'customers',
  viewChanged(view) {
    if (view === get().view) return;
    if (get().view === 'complaints') void get().complaintDraftFlushed();
    set({ view });
    if (view === 'callbacks') void get().callbacksRequested();
    if (view === 'promises') void get().promisesRequested();
    if (view === 'calendar') void get().calendarOpened();
    if (view === 'complaints') void get().complaintsRequested();
  },
});
