import type { Migration } from './migration';
import { domainSchema } from './0010-domain-schema';

export const MIGRATIONS: readonly Migration[] = [domainSchema];
export type { Migration };
