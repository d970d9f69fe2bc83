import { DISPOSITIONS, type Disposition } from '../../shared/contract/call-schemas';

/** Wrap-up codes from elsewhere (an import, an older version) are shown as stored. */
export const isDisposition = (d: string): d is Disposition => (DISPOSITIONS as readonly string[]).includes(d);
