import { describe, expect, it, vi } from 'vitest';
import {
  createIncomingCallRouter,
  incomingCallFromArgv,
  incomingCallFromUrl,
} from '../../../electron/shell/incoming-calls';

describe('incoming calls from softphones', () => {
  it('reads a kefu:// URL passed as an argument (Windows, Linux)', () => {
    expect(incomingCallFromArgv(['/opt/Kefu Desk/kefu-desk', '--no-sandbox', 'kefu://call?from=%2B8613812345678&to=4008001234&id=abc-1'])).toEqual({
      from: '+8613812345678',
      dnis: '4008001234',
      callId: 'abc-1',
      source: 'url',
    });
  });

  it('reads --incoming-call among other arguments', () => {
    expect(incomingCallFromArgv(['electron', '.', '--incoming-call', '13812345678', '--dnis', '02161234567'])).toMatchObject({
      from: '13812345678',
      dnis: '02161234567',
      source: 'cli',
    });
  });

  it('ignores a start without a call and refuses a URL that is not a call', () => {
    expect(incomingCallFromArgv(['electron', '.'])).toBeNull();
    expect(incomingCallFromArgv(['kefu://settings?x=1'])).toBeNull();
    expect(incomingCallFromUrl('kefu://call?from=<script>')).toBeNull();
  });

  it('holds calls that arrive before the core is ready and delivers them in order', () => {
    const router = createIncomingCallRouter(() => {});
    const a = incomingCallFromUrl('kefu://call?from=13800000001');
    const b = incomingCallFromUrl('kefu://call?from=13800000002');
    router.push(a);
    router.push(null);
    router.push(b);
    const deliver = vi.fn();
    router.ready(deliver);
    expect(deliver.mock.calls.map((c) => c[0].from)).toEqual(['13800000001', '13800000002']);
    router.push(incomingCallFromArgv(['--incoming-call', '13800000003']));
    expect(deliver).toHaveBeenCalledTimes(3);
  });

  it('keeps going when one delivery fails', () => {
    const log = vi.fn();
    const router = createIncomingCallRouter(log);
    router.ready(() => {
      throw new Error('bad number');
    });
    router.push(incomingCallFromUrl('kefu://call?from=13800000001'));
    expect(log).toHaveBeenCalledOnce();
  });
});
