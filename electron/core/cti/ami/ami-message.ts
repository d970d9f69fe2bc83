// One AMI message (a Response or an Event) as parsed off the wire.
//
// Keys keep the case Asterisk sent (for logs and round-tripping), but are looked up
// case-insensitively: Asterisk itself matches header names with strcasecmp, and third-party
// AMI proxies (asterisk-ami-proxy, some FreePBX modules) are known to re-case keys.
//
// Duplicate keys are all kept in order (`getAll`). `get` returns the FIRST occurrence, the
// way Asterisk's own astman_get_header() reads a message, so we read a message as the PBX
// would. Repeats matter in practice for ChanVariable / Variable lists.

export type AmiField = readonly [key: string, value: string];

/** What the call tracker needs from a message: field lookup. Plain test records can provide it via AmiMessage.fromRecord. */
export interface AmiFieldReader {
  get(key: string): string | undefined;
}

export class AmiMessage implements AmiFieldReader {
  readonly fields: readonly AmiField[];
  private readonly index = new Map<string, string[]>();

  constructor(fields: readonly AmiField[]) {
    this.fields = fields;
    for (const [key, value] of fields) {
      const k = key.toLowerCase();
      const values = this.index.get(k);
      if (values) values.push(value);
      else this.index.set(k, [value]);
    }
  }

  /** From a key→value object (scenario scripts, tests). Undefined values are skipped. */
  static fromRecord(record: Readonly<Record<string, string | number | undefined>>): AmiMessage {
    const fields: AmiField[] = [];
    for (const [key, value] of Object.entries(record)) if (value !== undefined) fields.push([key, String(value)]);
    return new AmiMessage(fields);
  }

  get(key: string): string | undefined {
    return this.index.get(key.toLowerCase())?.[0];
  }

  getAll(key: string): readonly string[] {
    return this.index.get(key.toLowerCase()) ?? [];
  }

  has(key: string): boolean {
    return this.index.has(key.toLowerCase());
  }

  /** `Event:` value, or undefined for a Response. */
  get event(): string | undefined {
    return this.get('Event');
  }

  /** `Response:` value (Success, Error, Goodbye, Follows…), or undefined for an Event. */
  get response(): string | undefined {
    return this.get('Response');
  }

  get actionId(): string | undefined {
    return this.get('ActionID');
  }

  /** Key→value with the first occurrence of each key (as `get` reads it). */
  toRecord(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of this.fields) if (!(key in out)) out[key] = value;
    return out;
  }
}
