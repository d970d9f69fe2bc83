import { useRef } from 'react';
import { ProfilePane } from '../features/customer-profile/ProfilePane';
import { SearchPane } from '../features/search/SearchPane';
import { TopBar } from './TopBar';
import { useGlobalShortcuts } from './use-global-shortcuts';

/** The seat's working surface: top bar with search, results on the left, the profile on the right. */
export function App() {
  const searchRef = useRef<HTMLInputElement>(null);
  useGlobalShortcuts(searchRef);
  return (
    <div className="app">
      <TopBar searchRef={searchRef} />
      <main className="workspace">
        <SearchPane />
        <ProfilePane />
      </main>
    </div>
  );
}
