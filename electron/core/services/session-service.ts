import type { ServiceContext } from '../create-core';
import type { Handlers } from '../dispatch';
import { getLocale, setMeta } from '../session';

export function sessionHandlers(ctx: ServiceContext): Pick<Handlers, 'session.get' | 'session.setLocale'> {
  return {
    'session.get': () => ({
      seatId: ctx.seat.seatId,
      agent: { id: ctx.seat.agentId, name: ctx.seat.agentName, role: ctx.seat.role },
      locale: getLocale(ctx.db),
    }),
    'session.setLocale': ({ locale }) => {
      setMeta(ctx.db, 'locale', locale);
      return { locale };
    },
  };
}
