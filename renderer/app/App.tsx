import { useRef } from 'react';
import { ProfilePane } from '../features/customer-profile/ProfilePane';
import { CtiSettingsDialog } from '../features/cti/CtiSettingsDialog';
import { CallPanel } from '../features/screen-pop/CallPanel';
import { useCallShortcuts } from '../features/screen-pop/use-call-shortcuts';
import { SearchPane } from '../features/search/SearchPane';
import { SimulatorPanel } from '../features/simulator/SimulatorPanel';
import { useAppStore } from '../state/store-context';
import { TopBar } from './TopBar';
import { useGlobalShortcuts } from './use-global-shortcuts';

/**
 * The seat's working surface: top bar with search, results on the left, and on the right the
 * calls (screen pop) above the open profile.
 */
export function App() {
  const searchRef = useRef<HTMLInputElement>(null);
  const simulatorOpen = useAppStore((s) => s.simulatorOpen);
  useGlobalShortcuts(searchRef);
  useCallShortcuts();
  return (
    <div className="app">
      <TopBar searchRef={searchRef} />
      <main className="workspace">
        <SearchPane />
        <div className="work-column">
          <CallPanel />
          <ProfilePane />
        </div>
      </main>
      {simulatorOpen && <SimulatorPanel />}
      <CtiSettingsDialog />
    </div>
  );
}
