/** Call ids come from the PBX ('1718000000.42'): made safe for DOM ids without colliding. */
export const domIdOf = (callId: string) => callId.replace(/[^A-Za-z0-9_-]/g, (ch) => `_${ch.charCodeAt(0).toString(16)}_`);

export const cardTitleIdOf = (callId: string) => `call-${domIdOf(callId)}-title`;
export const candidateIdOf = (callId: string, customerId: string) => `call-${domIdOf(callId)}-candidate-${customerId}`;
/** Id prefixes for the fields of a card's forms (see fields.tsx). */
export const wrapUpPrefixOf = (callId: string) => `wrapup-${domIdOf(callId)}`;
export const quickCreatePrefixOf = (callId: string) => `quick-${domIdOf(callId)}`;
export const summaryInputIdOf = (callId: string) => `${wrapUpPrefixOf(callId)}-summary`;

/** Marks (data-call-focus) the control a card hands the keyboard to: the chooser, the wrap-up's quick codes. */
export const FOCUS_TARGET_SELECTOR = '[data-call-focus]';
export const CARD_SELECTOR = '[data-testid="call-card"]';
