import { AmiSettings } from '../../../shared/contract/call-schemas';

export const DEFAULT_AMI_PORT = 5038;

/**
 * `--ami tcp://USER:SECRET@HOST:PORT --extension EXT` (the browser host's command line) →
 * AmiSettings. USER and SECRET are percent-decoded (a secret may hold ':' or '@' as %3A / %40);
 * the port defaults to AMI's 5038; an IPv6 host is written in brackets ('tcp://u:s@[::1]:5038').
 * Throws an Error whose message says what is wrong, for the command line to print.
 */
export function parseAmiUrl(url: string, extension: string | undefined): AmiSettings {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--ami must look like tcp://USER:SECRET@HOST:PORT, got ${JSON.stringify(redact(url))}`);
  }
  if (u.protocol !== 'tcp:') throw new Error(`--ami must start with tcp://, got ${u.protocol}//`);
  if (u.pathname !== '' && u.pathname !== '/') throw new Error('--ami takes no path: tcp://USER:SECRET@HOST:PORT');
  if (u.search || u.hash) throw new Error('--ami takes no query or fragment: tcp://USER:SECRET@HOST:PORT');
  let username: string;
  let secret: string;
  try {
    username = decodeURIComponent(u.username);
    secret = decodeURIComponent(u.password);
  } catch {
    throw new Error('--ami: the user or secret has a malformed %-escape');
  }
  if (!username || !secret) throw new Error('--ami needs the AMI user and secret: tcp://USER:SECRET@HOST:PORT');
  if (!extension) throw new Error('--ami needs --extension EXT (the seat\'s own extension)');
  const host = u.hostname.startsWith('[') && u.hostname.endsWith(']') ? u.hostname.slice(1, -1) : u.hostname;
  const parsed = AmiSettings.safeParse({
    host,
    port: u.port === '' ? DEFAULT_AMI_PORT : Number(u.port),
    username,
    secret,
    extension,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`--ami: invalid ${issue.path.join('.') || 'value'} (${issue.message})`);
  }
  return parsed.data;
}

/** The URL without its secret, for error messages. */
function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}
