import { describe, expect, it } from 'vitest';
import type { AmiMessage } from '../../../../electron/core/cti/ami/ami-message';
import { AmiEncodeError, AmiParser, encodeAction, type AmiFrame } from '../../../../electron/core/cti/ami/ami-parser';

const BANNER = 'Asterisk Call Manager/9.0.0\r\n';
const HANGUP =
  'Event: Hangup\r\nPrivilege: call,all\r\nChannel: PJSIP/8001-0000001a\r\nCallerIDName: 王伟\r\n' +
  'Uniqueid: 1764122400.7\r\nLinkedid: 1764122400.6\r\nCause: 16\r\nCause-txt: Normal Clearing\r\n\r\n';
const PONG = 'Response: Success\r\nActionID: kefu-1\r\nPing: Pong\r\nTimestamp: 1764122400.000000\r\n\r\n';
const STREAM = BANNER + HANGUP + PONG + HANGUP;

function feedInChunks(parser: AmiParser, bytes: Buffer, sizes: (i: number) => number): AmiFrame[] {
  const out: AmiFrame[] = [];
  for (let i = 0, n = 0; i < bytes.length; n++) {
    const size = Math.max(1, sizes(n));
    out.push(...parser.feed(bytes.subarray(i, i + size)));
    i += size;
  }
  return out;
}

const summary = (frames: AmiFrame[]) =>
  frames.map((f) => (f.kind === 'banner' ? `banner:${f.text}` : `${f.message.event ?? f.message.response}:${f.message.fields.length}`));

describe('AMI parser', () => {
  it('reads the banner, then messages ended by a blank line, whatever the chunk boundaries', () => {
    const bytes = Buffer.from(STREAM, 'utf8');
    const expected = ['banner:Asterisk Call Manager/9.0.0', 'Hangup:8', 'Success:4', 'Hangup:8'];
    expect(summary(new AmiParser().feed(bytes))).toEqual(expected);
    expect(summary(feedInChunks(new AmiParser(), bytes, () => 1))).toEqual(expected); // 1-byte chunks
    for (const size of [2, 3, 7, 13, 64]) expect(summary(feedInChunks(new AmiParser(), bytes, () => size))).toEqual(expected);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 40) + 1;
    expect(summary(feedInChunks(new AmiParser(), bytes, random))).toEqual(expected);
  });

  it('keeps a UTF-8 name intact when a chunk ends inside a character, and a CRLF split across chunks', () => {
    const bytes = Buffer.from(BANNER + HANGUP, 'utf8');
    const nameAt = bytes.indexOf(Buffer.from('王伟', 'utf8'));
    const crAt = bytes.indexOf('\r\nUniqueid');
    const parser = new AmiParser();
    const frames = [
      ...parser.feed(bytes.subarray(0, nameAt + 1)), // mid-character
      ...parser.feed(bytes.subarray(nameAt + 1, crAt + 1)), // ends on the CR
      ...parser.feed(bytes.subarray(crAt + 1)),
    ];
    const msg = (frames[1] as { message: AmiMessage }).message;
    expect(msg.get('CallerIDName')).toBe('王伟');
    expect(msg.get('Uniqueid')).toBe('1764122400.7');
    expect(parser.counts).toEqual({ malformedLines: 0, droppedMessages: 0 });
  });

  it('tolerates bare LF line ends and looks keys up case-insensitively, keeping their case', () => {
    const frames = new AmiParser().feed(STREAM.replace(/\r\n/g, '\n'));
    expect(summary(frames)).toEqual(['banner:Asterisk Call Manager/9.0.0', 'Hangup:8', 'Success:4', 'Hangup:8']);
    const msg = (frames[1] as { message: AmiMessage }).message;
    expect(msg.get('uniqueid')).toBe('1764122400.7');
    expect(msg.get('CAUSE-TXT')).toBe('Normal Clearing');
    expect(msg.fields[0]).toEqual(['Event', 'Hangup']);
  });

  it("keeps ': ' inside values and collects duplicate keys (get → first, as Asterisk reads them)", () => {
    const [, frame] = new AmiParser().feed(
      `${BANNER}Event: VarSet\r\nValue: a: b: c\r\nChanVariable: DIALSTATUS=ANSWER\r\nChanVariable: QUEUE=sales\r\nEmpty:\r\nNoSpace:x\r\n\r\n`,
    );
    const msg = (frame as { message: AmiMessage }).message;
    expect(msg.get('Value')).toBe('a: b: c');
    expect(msg.get('ChanVariable')).toBe('DIALSTATUS=ANSWER');
    expect(msg.getAll('chanvariable')).toEqual(['DIALSTATUS=ANSWER', 'QUEUE=sales']);
    expect(msg.get('Empty')).toBe('');
    expect(msg.get('NoSpace')).toBe('x');
  });

  it('treats a first line with a colon as a message (no banner) and ignores extra blank lines', () => {
    const frames = new AmiParser().feed(`\r\n\r\n${PONG}\r\n\r\n`);
    expect(summary(frames)).toEqual(['Success:4']);
    expect(summary(new AmiParser().feed(PONG))).toEqual(['Success:4']);
  });

  it('skips and counts malformed lines (no colon, bad key, control characters, binary) without losing the message', () => {
    const garbage = Buffer.concat([
      Buffer.from(`${BANNER}Event: Hangup\r\nthis line has no colon\r\n: no key\r\nbad key: x\r\nValue: bell\x07\r\n`),
      Buffer.from([0xff, 0xfe, 0x00, 0x3a, 0x41, 0x0d, 0x0a]), // binary with a colon
      Buffer.from('Uniqueid: 1.2\r\n\r\n'),
    ]);
    const parser = new AmiParser();
    const frames = parser.feed(garbage);
    expect(summary(frames)).toEqual(['banner:Asterisk Call Manager/9.0.0', 'Hangup:2']);
    expect(parser.counts.malformedLines).toBe(5);
  });

  it('skips an overlong line (> 8 KiB), also when it arrives over many chunks without a line end', () => {
    const parser = new AmiParser();
    const long = `Value: ${'x'.repeat(9000)}\r\n`;
    const frames = [...parser.feed(`${BANNER}Event: Hangup\r\n`), ...feedInChunks(parser, Buffer.from(long), () => 500), ...parser.feed('Uniqueid: 1.2\r\n\r\n')];
    expect(summary(frames)).toEqual(['banner:Asterisk Call Manager/9.0.0', 'Hangup:2']);
    expect(parser.counts.malformedLines).toBe(1);
    // exactly at the limit is fine
    const exact = new AmiParser({ expectBanner: false }).feed(`K: ${'y'.repeat(8 * 1024 - 3)}\r\n\r\n`);
    expect(summary(exact)).toEqual(['undefined:1']);
  });

  it('drops a runaway message that never ends (line or byte cap) and recovers at its blank line', () => {
    const parser = new AmiParser();
    const lines = Array.from({ length: 600 }, (_, i) => `Key${i}: v`).join('\r\n');
    const frames = parser.feed(`${BANNER}Event: Flood\r\n${lines}\r\n\r\n${PONG}`);
    expect(summary(frames)).toEqual(['banner:Asterisk Call Manager/9.0.0', 'Success:4']);
    expect(parser.counts).toEqual({ malformedLines: 0, droppedMessages: 1 });

    const bytesCapped = new AmiParser({ limits: { maxMessageBytes: 1024 } });
    const big = Array.from({ length: 40 }, (_, i) => `Key${i}: ${'z'.repeat(40)}`).join('\r\n');
    expect(summary(bytesCapped.feed(`${BANNER}Event: Big\r\n${big}\r\n\r\n${PONG}`))).toEqual(['banner:Asterisk Call Manager/9.0.0', 'Success:4']);
    expect(bytesCapped.counts.droppedMessages).toBe(1);
  });

  it('counts 1,000 garbage lines between messages one by one and still parses the messages', () => {
    const parser = new AmiParser();
    const junk = Array.from({ length: 1000 }, (_, i) => `%%garbage ${i} ¿?`).join('\r\n');
    const frames = parser.feed(`${BANNER}${HANGUP}${junk}\r\n${PONG}`);
    expect(summary(frames)).toEqual(['banner:Asterisk Call Manager/9.0.0', 'Hangup:8', 'Success:4']);
    expect(parser.counts).toEqual({ malformedLines: 1000, droppedMessages: 0 });
  });
});

describe('AMI action encoder', () => {
  it('writes Action, ActionID, then the fields, CRLF-framed with a closing blank line', () => {
    expect(encodeAction('Originate', 'kefu-7', { Channel: 'PJSIP/8001', Priority: 1, Async: true, Variable: ['A=1', 'B=2'], Skipped: undefined })).toBe(
      'Action: Originate\r\nActionID: kefu-7\r\nChannel: PJSIP/8001\r\nPriority: 1\r\nAsync: true\r\nVariable: A=1\r\nVariable: B=2\r\n\r\n',
    );
  });

  it('refuses CR, LF or NUL inside a value (action injection) without echoing the value', () => {
    const attack = '13800138000\r\n\r\nAction: Command\r\nCommand: core restart now';
    expect(() => encodeAction('Originate', 'kefu-1', { Exten: attack })).toThrow(AmiEncodeError);
    expect(() => encodeAction('Login', 'kefu-1', { Secret: 'pa\nss' })).toThrow(/Secret contains a line break/);
    try {
      encodeAction('Login', 'kefu-1', { Secret: 'top-secret\n' });
    } catch (err) {
      expect((err as Error).message).not.toContain('top-secret');
    }
    expect(() => encodeAction('Ping', 'id\r\nAction: Logoff')).toThrow(AmiEncodeError);
    expect(() => encodeAction('Ping', 'kefu-1', { 'Bad Key': 'x' })).toThrow(AmiEncodeError);
    expect(() => encodeAction('Ping', 'kefu-1', { ActionID: 'other' })).toThrow(AmiEncodeError);
    expect(() => encodeAction('Ping', 'kefu-1', { X: 'nul\x00' })).toThrow(AmiEncodeError);
  });

  it('round-trips through the parser', () => {
    const [frame] = new AmiParser({ expectBanner: false }).feed(encodeAction('Login', 'kefu-1', { Username: 'kefu', Secret: 's: 1', Events: 'call,agent' }));
    expect((frame as { message: AmiMessage }).message.toRecord()).toEqual({
      Action: 'Login', ActionID: 'kefu-1', Username: 'kefu', Secret: 's: 1', Events: 'call,agent',
    });
  });
});
