// The AMI wire format, both ways: an incremental parser for what the PBX sends and an encoder
// for the actions we send.
//
// Wire format (Asterisk main/manager.c): one banner line `Asterisk Call Manager/X.Y.Z`, then
// messages made of `Key: Value` lines ended by CRLF and closed by an empty line.
//
// The parser works on bytes, not strings: TCP chunk boundaries can fall inside a CRLF or inside
// a multi-byte UTF-8 character (Chinese CallerIDName), so lines are cut at LF on the raw bytes
// and only complete lines are decoded. It never throws: whatever the socket delivers (a proxy's
// garbage, a half-open connection replaying binary, a runaway message) is skipped and counted,
// because a parse error must never take the seat's screen pop down.

import { AmiMessage, type AmiField } from './ami-message';

export interface AmiParserLimits {
  /** A longer line is skipped as malformed (Asterisk's own limit is 1 KiB per header). */
  maxLineBytes: number;
  /** A message with more field lines than this without a blank line is dropped. */
  maxMessageLines: number;
  /** …or with more bytes than this. */
  maxMessageBytes: number;
}

export const DEFAULT_AMI_PARSER_LIMITS: AmiParserLimits = {
  maxLineBytes: 8 * 1024,
  maxMessageLines: 500,
  maxMessageBytes: 64 * 1024,
};

export type AmiFrame = { kind: 'banner'; text: string } | { kind: 'message'; message: AmiMessage };

export interface AmiParserCounts {
  /** Lines skipped: no colon, bad key, control characters, or longer than maxLineBytes. */
  malformedLines: number;
  /** Runaway messages dropped for exceeding maxMessageLines / maxMessageBytes. */
  droppedMessages: number;
}

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
// Printable ASCII except space and colon: real keys are `Channel`, `Cause-txt`, `ChanVariable(…)`.
const KEY_PATTERN = /^[\x21-\x39\x3b-\x7e]{1,128}$/;
// Tab is allowed in values (Asterisk passes dialplan text through); other controls mean garbage.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\x00-\x08\x0a-\x1f\x7f]/;
const utf8 = new TextDecoder('utf-8'); // non-fatal: a name Asterisk cut mid-character still parses

export class AmiParser {
  readonly counts: AmiParserCounts = { malformedLines: 0, droppedMessages: 0 };
  private readonly limits: AmiParserLimits;
  private awaitingBanner: boolean;
  // The incomplete line carried over between chunks (copied: we do not keep the caller's buffer).
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skippingOverlongLine = false;
  // The message being assembled.
  private fields: AmiField[] = [];
  private messageBytes = 0;
  private discardingRunaway = false;

  constructor(options: { expectBanner?: boolean; limits?: Partial<AmiParserLimits> } = {}) {
    this.awaitingBanner = options.expectBanner ?? true;
    this.limits = { ...DEFAULT_AMI_PARSER_LIMITS, ...options.limits };
  }

  /** Feeds one chunk as it came off the socket; returns the frames it completed. */
  feed(chunk: Uint8Array | string): AmiFrame[] {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const out: AmiFrame[] = [];
    let start = 0;
    while (start < buf.length) {
      const lf = buf.indexOf(LF, start);
      if (lf === -1) {
        this.carryOver(buf.subarray(start));
        break;
      }
      this.completeLine(buf.subarray(start, lf), out);
      start = lf + 1;
    }
    return out;
  }

  private carryOver(piece: Buffer): void {
    if (this.skippingOverlongLine) return;
    // +1 leaves room for the CR of a CRLF split across chunks.
    if (this.pendingBytes + piece.length > this.limits.maxLineBytes + 1) {
      this.skippingOverlongLine = true; // drop it now so a line without LF cannot grow memory
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    this.pending.push(Buffer.from(piece));
    this.pendingBytes += piece.length;
  }

  private completeLine(tail: Buffer, out: AmiFrame[]): void {
    if (this.skippingOverlongLine) {
      this.skippingOverlongLine = false;
      this.counts.malformedLines++;
      return;
    }
    let line = this.pending.length === 0 ? tail : Buffer.concat([...this.pending, tail]);
    this.pending = [];
    this.pendingBytes = 0;
    if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
    this.handleLine(line, out);
  }

  private handleLine(line: Buffer, out: AmiFrame[]): void {
    if (line.length > this.limits.maxLineBytes) {
      this.counts.malformedLines++;
      return;
    }
    if (this.awaitingBanner) {
      this.awaitingBanner = false;
      // The banner has no colon; a first line that does is already a message (some AMI proxies
      // swallow the banner), so it falls through and is parsed as one.
      if (line.length > 0 && line.indexOf(COLON) === -1) {
        out.push({ kind: 'banner', text: utf8.decode(line) });
        return;
      }
    }
    if (line.length === 0) {
      this.endMessage(out);
      return;
    }
    if (this.discardingRunaway) return; // the rest of a dropped message, up to its blank line
    const field = parseField(line);
    if (!field) {
      // Malformed lines are not part of the message: garbage between two messages must not
      // glue them together or push a real message over the runaway cap.
      this.counts.malformedLines++;
      return;
    }
    this.messageBytes += line.length + 2;
    this.fields.push(field);
    if (this.fields.length > this.limits.maxMessageLines || this.messageBytes > this.limits.maxMessageBytes) {
      this.counts.droppedMessages++;
      this.discardingRunaway = true;
      this.fields = [];
      this.messageBytes = 0;
    }
  }

  private endMessage(out: AmiFrame[]): void {
    if (!this.discardingRunaway && this.fields.length > 0) out.push({ kind: 'message', message: new AmiMessage(this.fields) });
    this.discardingRunaway = false;
    this.fields = [];
    this.messageBytes = 0;
  }
}

function parseField(line: Buffer): AmiField | null {
  const colon = line.indexOf(COLON);
  if (colon <= 0) return null;
  const key = line.toString('latin1', 0, colon);
  if (!KEY_PATTERN.test(key)) return null;
  const value = utf8.decode(line.subarray(colon + 1)).replace(/^[ \t]+/, '');
  if (CONTROL_CHARS.test(value)) return null;
  return [key, value];
}

// ---------------------------------------------------------------------------------------------
// Encoder

export type AmiFieldValue = string | number | boolean | readonly string[];
export type AmiActionFields = Readonly<Record<string, AmiFieldValue | undefined>>;

/** Thrown for an action we refuse to put on the wire. The message never echoes the value (it may be the secret). */
export class AmiEncodeError extends Error {
  override readonly name = 'AmiEncodeError';
}

/**
 * `Action:` + `ActionID:` + fields, CRLF-ended, closed by a blank line. An array value repeats
 * the key (Originate's `Variable:`). A CR or LF inside a value would let a crafted phone number or
 * name inject a second action (e.g. `Action: Command`), so it is refused, not escaped: AMI has no
 * escaping.
 */
export function encodeAction(action: string, actionId: string, fields: AmiActionFields = {}): string {
  const lines = [line('Action', action), line('ActionID', actionId)];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if (lower === 'action' || lower === 'actionid') throw new AmiEncodeError(`AMI field ${key} is set by the encoder`);
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) lines.push(line(key, typeof v === 'string' ? v : String(v)));
  }
  return `${lines.join('')}\r\n`;
}

function line(key: string, value: string): string {
  if (!KEY_PATTERN.test(key)) throw new AmiEncodeError(`AMI field name ${JSON.stringify(key)} is not a valid key`);
  // eslint-disable-next-line no-control-regex
  if (/[\r\n\x00]/.test(value)) throw new AmiEncodeError(`AMI field ${key} contains a line break or NUL and was refused`);
  return `${key}: ${value}\r\n`;
}
