import type { z } from 'zod';
import {
  channels,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
} from '../../shared/contract/channels';
import type { Role } from '../../shared/contract/customer-schemas';
import { CoreError, fail, ok, type Result } from '../../shared/contract/result';

export type Handlers = {
  [C in ChannelName]: (input: ChannelParsedInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

/** zod issues → { 'phones.1': 'validation.phone' }, the keys the renderer translates. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    fields[path] ??= issue.message.startsWith('validation.') ? issue.message : 'validation.invalid';
  }
  return fields;
}

export const isChannel = (name: string): name is ChannelName => Object.hasOwn(channels, name);

/**
 * The single entry point both transports call: unknown channel, wrong role or bad input
 * are answered without touching the core; anything thrown becomes a coded error.
 */
export function createDispatcher(handlers: Handlers, roleOf: () => Role, log: (msg: string, err?: unknown) => void) {
  return async function invoke(channel: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) return fail({ code: 'invalid_input', message: `Unknown channel ${channel}` });
    const def = channels[channel] as { input: z.ZodType; roles?: readonly Role[] };
    if (def.roles && !def.roles.includes(roleOf())) return fail({ code: 'forbidden', message: 'errors.forbidden' });
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return fail({ code: 'invalid_input', message: 'errors.invalidInput', fields: fieldErrors(parsed.error) });
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (err) {
      if (err instanceof CoreError) return fail({ code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) });
      log(`channel ${channel} failed`, err);
      return fail({ code: 'internal', message: 'errors.internal' });
    }
  };
}
