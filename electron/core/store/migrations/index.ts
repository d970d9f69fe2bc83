import type { Migration } from './migration';
import { domainSchema } from './0010-domain-schema';
import { phoneLines } from './0020-phone-lines';

export const MIGRATIONS: readonly Migration[] = [domainSchema, phoneLines];
export type { Migration };
