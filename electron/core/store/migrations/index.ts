import type { Migration } from './migration';
import { domainSchema } from './0010-domain-schema';
import { phoneLines } from './0020-phone-lines';
import { callbackScheduling } from './0030-callback-scheduling';
import { complaintWizard } from './0040-complaint-wizard';
import { syncState } from './0050-sync-state';
import { wallboardIndexes } from './0060-wallboard';

export const MIGRATIONS: readonly Migration[] = [domainSchema, phoneLines, callbackScheduling, complaintWizard, syncState, wallboardIndexes];
export type { Migration };
