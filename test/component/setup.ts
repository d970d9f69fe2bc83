import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jest-dom is not installed: tests assert on DOM properties with plain expect.
afterEach(() => {
  cleanup();
  document.documentElement.lang = 'zh-CN';
});
