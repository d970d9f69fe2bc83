import { useRef } from 'react';
import { ProfilePane } from '../features/customer-profile/ProfilePane';
import { CalendarView } from '../features/calendar/CalendarView';
import { CallbackFormDialog } from '../features/callbacks/CallbackFormDialog';
import { CallbacksView } from '../features/callbacks/CallbacksView';
import { ComplaintSettingsDialog } from '../features/complaints/ComplaintSettingsDialog';
import { ComplaintsView } from '../features/complaints/ComplaintsView';
import { ComplaintWizard } from '../features/complaints/ComplaintWizard';
import { ReminderToasts } from '../features/callbacks/ReminderToasts';
import { CtiSettingsDialog } from '../features/cti/CtiSettingsDialog';
import { PromiseFormDialog, PromisesView } from '../features/promises/PromisesView';
import { CallPanel } from '../features/screen-pop/CallPanel';
import { useCallShortcuts } from '../features/screen-pop/use-call-shortcuts';
import { SearchPane } from '../features/search/SearchPane';
import { SimulatorPanel } from '../features/simulator/SimulatorPanel';
import { SyncPanel } from '../features/sync/SyncPanel';
import { WallboardAlerts } from '../features/wallboard/WallboardAlerts';
import { WallboardSettingsDialog } from '../features/wallboard/WallboardSettingsDialog';
import { WallboardView } from '../features/wallboard/WallboardView';
import { useAppStore } from '../state/store-context';
import { PanelErrorBoundary } from '../ui/PanelErrorBoundary';
import { HostLostBanner } from './HostLostBanner';
import { TopBar } from './TopBar';
import { useGlobalShortcuts } from './use-global-shortcuts';

/**
 * The seat's working surface: top bar with search and the views' nav; on the left the search
 * results (or the callbacks queue, or the promises), on the right the calls (screen pop) above
 * the open profile — the call cards stay whichever view is open.
 */
export function App() {
  const searchRef = useRef<HTMLInputElement>(null);
  const simulatorOpen = useAppStore((s) => s.simulatorOpen);
  const view = useAppStore((s) => s.view);
  const wizardOpen = useAppStore((s) => s.complaintWizard !== null);
  const openId = useAppStore((s) => s.openId);
  useGlobalShortcuts(searchRef);
  useCallShortcuts();
  return (
    <div className="app">
      <TopBar searchRef={searchRef} />
      <div className="app-alerts">
        <HostLostBanner />
        <PanelErrorBoundary area="alerts">
          <WallboardAlerts />
        </PanelErrorBoundary>
      </div>
      <main className={`workspace workspace-${view}`}>
        <PanelErrorBoundary area="view" resetKey={view}>
          {view === 'customers' && <SearchPane />}
          {view === 'callbacks' && <CallbacksView />}
          {view === 'promises' && <PromisesView />}
          {view === 'calendar' && <CalendarView />}
          {view === 'complaints' && <ComplaintsView />}
          {view === 'wallboard' && <WallboardView />}
        </PanelErrorBoundary>
        <div className="work-column">
          <PanelErrorBoundary area="calls">
            <CallPanel />
          </PanelErrorBoundary>
          <PanelErrorBoundary area="profile" resetKey={`${wizardOpen}:${openId ?? ''}`}>{view === 'complaints' && wizardOpen ? <ComplaintWizard /> : <ProfilePane />}</PanelErrorBoundary>
        </div>
      </main>
      <PanelErrorBoundary area="dialog">
        {simulatorOpen && <SimulatorPanel />}
        <CtiSettingsDialog />
        <SyncPanel />
        <CallbackFormDialog />
        <PromiseFormDialog />
        <ComplaintSettingsDialog />
        <WallboardSettingsDialog />
      </PanelErrorBoundary>
      <ReminderToasts />
    </div>
  );
}
