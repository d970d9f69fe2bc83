import type { Migration } from './migration';
import { domainSchema } from './0010-domain-schema';
import { phoneLines } from './0020-phone-lines';
import { callbackScheduling } from './0030-callback-scheduling';

export const MIGRATIONS: readonly Migration[] = [domainSchema, phoneLines, callbackScheduling];
export type { Migration };
