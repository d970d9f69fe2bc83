import { describe, expect, it } from 'vitest';
import { parseAmiUrl } from '../../../../electron/core/cti/ami-url';
import { parseCallUrl, parseIncomingCallArgs } from '../../../../electron/core/cti/incoming-call-request';

describe('parseCallUrl', () => {
  it('reads from, to (DNIS) and id', () => {
    expect(parseCallUrl('kefu://call?from=13812345678&to=4008001234&id=abc')).toEqual({ from: '13812345678', dnis: '4008001234', callId: 'abc' });
    expect(parseCallUrl('kefu://call?from=13812345678')).toEqual({ from: '13812345678', dnis: null, callId: null });
    expect(parseCallUrl('KEFU://call/?id=1732590000.42&from=021-6123%204567')).toEqual({ from: '021-6123 4567', dnis: null, callId: '1732590000.42' });
    expect(parseCallUrl('kefu:call?from=%2B8613812345678&to=&foo=bar')).toEqual({ from: '+8613812345678', dnis: null, callId: null });
  });

  it('treats __proto__ and friends as unknown parameters', () => {
    expect(parseCallUrl('kefu://call?__proto__=x&constructor=y&from=138')).toEqual({ from: '138', dnis: null, callId: null });
  });

  it('keeps a literal + (URLSearchParams would make it a space)', () => {
    expect(parseCallUrl('kefu://call?from=+8613812345678')?.from).toBe('+8613812345678');
  });

  it.each([
    ['wrong scheme', 'https://call?from=13812345678'],
    ['wrong action', 'kefu://dial?from=13812345678'],
    ['no from', 'kefu://call?to=4008001234'],
    ['empty from', 'kefu://call?from='],
    ['letters in from', 'kefu://call?from=138abc'],
    ['script in from', 'kefu://call?from=%3Cscript%3E'],
    ['no digits', 'kefu://call?from=%2B%2A%23'],
    ['number too long', `kefu://call?from=${'1'.repeat(41)}`],
    ['bad DNIS', 'kefu://call?from=138&to=40080;01234'],
    ['bad call id', 'kefu://call?from=138&id=a%20b'],
    ['call id too long', `kefu://call?from=138&id=${'a'.repeat(101)}`],
    ['broken escape', 'kefu://call?from=%E0%A4%A'],
    ['duplicate parameter', 'kefu://call?from=138&from=139'],
    ['control characters', 'kefu://call?from=138%0A139'],
    ['huge URL', `kefu://call?from=138&x=${'a'.repeat(3000)}`],
  ])('refuses %s', (_why, url) => {
    expect(parseCallUrl(url)).toBeNull();
  });
});

describe('parseIncomingCallArgs', () => {
  const app = ['/opt/Kefu Desk/kefu-desk', '--allow-file-access-from-files'];
  it('reads the number, DNIS and call id among other arguments, in either flag form', () => {
    expect(parseIncomingCallArgs([...app, '--incoming-call', '13812345678'])).toEqual({ from: '13812345678', dnis: null, callId: null });
    expect(parseIncomingCallArgs([...app, '--dnis', '4008001234', '--incoming-call', '+86 138 1234 5678', '--call-id', 'sip-42'])).toEqual({
      from: '+86 138 1234 5678',
      dnis: '4008001234',
      callId: 'sip-42',
    });
    expect(parseIncomingCallArgs(['--incoming-call=*86#', '--call-id=x.1'])).toEqual({ from: '*86#', dnis: null, callId: 'x.1' });
  });

  it.each([
    ['no flag', [...app]],
    ['flag without a value', [...app, '--incoming-call']],
    ['value is the next flag', ['--incoming-call', '--dnis', '4008001234']],
    ['DNIS without value', ['--incoming-call', '138', '--dnis']],
    ['bad number', ['--incoming-call', '138 & calc.exe']],
    ['bad call id', ['--incoming-call', '138', '--call-id', '../../etc']],
    ['given twice', ['--incoming-call', '138', '--incoming-call', '139']],
    ['too long', ['--incoming-call', '1'.repeat(41)]],
  ])('refuses %s', (_why, argv) => {
    expect(parseIncomingCallArgs(argv)).toBeNull();
  });
});

describe('parseAmiUrl', () => {
  it('reads user, secret, host and port; the port defaults to 5038', () => {
    expect(parseAmiUrl('tcp://kefu:s3cret@192.168.1.10:5038', '8001')).toEqual({ host: '192.168.1.10', port: 5038, username: 'kefu', secret: 's3cret', extension: '8001' });
    expect(parseAmiUrl('tcp://kefu:pw@pbx.hotel.local', '8001')).toMatchObject({ host: 'pbx.hotel.local', port: 5038 });
    expect(parseAmiUrl('tcp://ad%40min:p%3Aw%40rd@[::1]:15038', 'PJSIP-8001')).toEqual({ host: '::1', port: 15038, username: 'ad@min', secret: 'p:w@rd', extension: 'PJSIP-8001' });
  });

  it.each([
    ['not a URL', 'pbx 5038', '8001', /tcp:\/\/USER:SECRET@HOST:PORT/],
    ['wrong scheme', 'http://u:s@pbx:5038', '8001', /tcp:\/\//],
    ['no secret', 'tcp://u@pbx:5038', '8001', /user and secret/],
    ['no user', 'tcp://:s@pbx:5038', '8001', /user and secret/],
    ['a path', 'tcp://u:s@pbx:5038/ami', '8001', /no path/],
    ['no extension', 'tcp://u:s@pbx:5038', undefined, /--extension/],
    ['bad extension', 'tcp://u:s@pbx:5038', '80 01', /extension/],
    ['port 0', 'tcp://u:s@pbx:0', '8001', /port/],
  ])('refuses %s', (_why, url, ext, message) => {
    expect(() => parseAmiUrl(url, ext)).toThrow(message);
  });

  it('never echoes the secret in its errors', () => {
    try {
      parseAmiUrl('tcp://u:topsecret@pbx:99999', '8001');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain('topsecret');
    }
  });
});
