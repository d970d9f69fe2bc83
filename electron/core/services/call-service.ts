import { CoreError } from '../../../shared/contract/result';
import type { ServiceContext } from '../create-core';
import type { CtiRuntime } from '../cti/cti-runtime';
import { isDialString } from '../cti/incoming-call-request';
import type { Handlers } from '../dispatch';
import { randomCustomerPhone, randomLineNumber } from '../store/calls-repo';

/** A caller for the simulator when the store has no customers yet: a random (unknown) CN mobile. */
function randomMobile(): string {
  return `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** Screen pop: the seat's calls (`calls.*`) and its PBX connection (`cti.*`). */
export function callHandlers(
  ctx: ServiceContext,
  cti: CtiRuntime,
): Pick<
  Handlers,
  | 'calls.active'
  | 'calls.simulate'
  | 'calls.setState'
  | 'calls.chooseCustomer'
  | 'calls.createCustomer'
  | 'calls.wrapUp'
  | 'calls.acceptCallbackOffer'
  | 'calls.dismiss'
  | 'cti.status'
  | 'cti.getSettings'
  | 'cti.configure'
> {
  const { callCenter, simulator, manager } = cti;
  return {
    'calls.active': () => ({ calls: callCenter.cards() }),
    // The simulator is a CtiSource like AMI: its events take exactly the path a PBX's do.
    'calls.simulate': (input) => {
      if (input.action === 'ring') {
        const from = input.from || randomCustomerPhone(ctx.db) || randomMobile();
        if (!isDialString(from)) throw new CoreError('invalid_input', 'errors.invalidInput', { from: 'validation.phone' });
        if (input.dnis && !isDialString(input.dnis)) throw new CoreError('invalid_input', 'errors.invalidInput', { dnis: 'validation.phone' });
        const dnis = input.dnis || randomLineNumber(ctx.db);
        return { callId: simulator.ring({ from, dnis, queue: input.queue || null }) };
      }
      const card = callCenter.card(input.callId);
      if (card.source !== 'simulator') throw new CoreError('invalid_input', 'errors.notSimulatedCall');
      if (input.action === 'answer') {
        if (card.state === 'ended') throw new CoreError('invalid_input', 'errors.callAlreadyEnded');
        simulator.answer(input.callId);
      } else simulator.hangup(input.callId, 'simulated');
      return { callId: input.callId };
    },
    'calls.setState': ({ callId, state }) => callCenter.setState(callId, state),
    'calls.chooseCustomer': ({ callId, customerId }) => callCenter.chooseCustomer(callId, customerId),
    'calls.createCustomer': ({ callId, customer }) => callCenter.createCustomer(callId, customer),
    'calls.wrapUp': ({ callId, disposition, summary }) => callCenter.wrapUp(callId, disposition, summary),
    'calls.acceptCallbackOffer': ({ callId }) => callCenter.acceptCallbackOffer(callId),
    'calls.dismiss': ({ callId }) => {
      callCenter.dismiss(callId);
      return {};
    },
    'cti.status': () => manager.status(),
    'cti.getSettings': () => ({ ami: manager.settings() }),
    'cti.configure': ({ ami }) => manager.configure(ami),
  };
}
