import type { SliceCreator } from './types';
import { canSeeWallboard } from './wallboard-slice';

/** The seat's views (Alt+1…6 in this order); the call cards stay on screen whichever is open. */
export const VIEWS = ['customers', 'callbacks', 'promises', 'calendar', 'complaints', 'wallboard'] as const;
export type View = (typeof VIEWS)[number];

/** The views a role may open: the wallboard (看板) is for supervisors and admins only. */
export const viewsFor = (role: string | undefined): readonly View[] => (canSeeWallboard(role) ? VIEWS : VIEWS.filter((v) => v !== 'wallboard'));

export interface NavSlice {
  view: View;
  /** Alt+1…6 or the top bar's nav: another view. Opening the queue (re)loads it; leaving the complaints view saves the wizard's draft. */
  viewChanged(view: View): void;
}

export const createNavSlice: SliceCreator<NavSlice> = (set, get) => ({
  view: 'customers',
  viewChanged(view) {
    if (view === get().view) return;
    // An agent never reaches the wallboard, by shortcut or otherwise.
    if (!viewsFor(get().session?.agent.role).includes(view)) return;
    if (get().view === 'complaints') void get().complaintDraftFlushed();
    set({ view });
    if (view === 'callbacks') void get().callbacksRequested();
    if (view === 'promises') void get().promisesRequested();
    if (view === 'calendar') void get().calendarOpened();
    if (view === 'complaints') void get().complaintsRequested();
    if (view === 'wallboard') void get().wallboardOpened();
  },
});
