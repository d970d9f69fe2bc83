import { describe, expect, it } from 'vitest';
import {
  BOOKING_KINDS,
  BOOKING_STATUSES,
  CHANNELS,
  CHURN_REASONS,
  CUSTOMER_KINDS,
  CUSTOMER_STATUSES,
  CustomerSummary,
  DIRECTIONS,
  GENDERS,
  LANGUAGES,
  LIFECYCLE_STAGES,
  PhoneView,
  ROLES,
  TIERS,
} from '../../shared/contract/customer-schemas';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/contract/channels';
import { CALL_SOURCES, CALL_STATES, CTI_STATES, DISPOSITIONS, SLA_STATES } from '../../shared/contract/call-schemas';
import { ATTEMPT_OUTCOMES, DUE_STATES } from '../../shared/contract/callback-schemas';
import { PREFERENCE_CATEGORIES } from '../../renderer/features/customer-profile/preference-categories';
import { COMPLAINT_STEP_KEYS } from '../../renderer/features/screen-pop/complaint-steps';
import en from '../../renderer/i18n/en';
import zhCN from '../../renderer/i18n/zh-CN';
import zhTW from '../../renderer/i18n/zh-TW';

// Fails when a translation is missing, empty or left over, and when code uses a key the source
// catalogue (zh-CN) does not have. Sources are read through Vite's import.meta.glob.

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const variables = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Every problem between the source catalogue and one translation, as readable lines. */
function compare(source: Map<string, string>, target: Map<string, string>, lang: string): string[] {
  const problems: string[] = [];
  for (const [key, value] of source) {
    if (value.trim() === '') problems.push(`zh-CN: ${key} is empty`);
    const t = target.get(key);
    if (t === undefined) problems.push(`${lang}: ${key} is missing`);
    else if (t.trim() === '') problems.push(`${lang}: ${key} is empty`);
    else if (variables(t).join() !== variables(value).join())
      problems.push(`${lang}: ${key} uses {{${variables(t).join(', ')}}} but zh-CN uses {{${variables(value).join(', ')}}}`);
  }
  for (const key of target.keys()) if (!source.has(key)) problems.push(`${lang}: ${key} is not in zh-CN`);
  return problems;
}

const source = flatten(zhCN as unknown as Tree);
const translations = { 'zh-TW': flatten(zhTW as unknown as Tree), en: flatten(en as unknown as Tree) };

const rendererSources = import.meta.glob(['../../renderer/**/*.{ts,tsx}', '!../../renderer/i18n/{zh-CN,zh-TW,en}.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const contractSources = import.meta.glob('../../shared/contract/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
/** Messages the core and transports send to the renderer are read by people too. */
const messageSources = import.meta.glob(['../../shared/**/*.ts', '../../electron/**/*.ts', '../../server/**/*.ts', '../../renderer/api/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** Channel and event names ('cti.status', 'call.changed') look like keys of the call/cti groups but are not. */
const CONTRACT_NAMES = new Set<string>([...CHANNEL_NAMES, ...EVENT_NAMES]);

const isGroup = (prefix: string) => [...source.keys()].some((k) => k.startsWith(`${prefix}.`));

describe('i18n catalogues', () => {
  it('zh-TW and en have every zh-CN key, none empty, none extra, same {{variables}}', () => {
    const problems = Object.entries(translations).flatMap(([lang, map]) => compare(source, map, lang));
    expect(problems).toEqual([]);
  });

  it('the comparison really catches a missing, an empty and an extra key', () => {
    const broken = new Map(translations.en);
    broken.delete('search.label');
    broken.set('edit.save', ' ');
    broken.set('edit.sav', 'Save');
    broken.set('search.summary', 'customers');
    expect(compare(source, broken, 'en')).toEqual([
      'en: search.label is missing',
      'en: search.summary uses {{}} but zh-CN uses {{n}}',
      'en: edit.save is empty',
      'en: edit.sav is not in zh-CN',
    ]);
  });

  it("every t('…') key used in renderer source exists in zh-CN", () => {
    expect(Object.keys(rendererSources).length).toBeGreaterThan(10);
    const missing: string[] = [];
    let found = 0;
    for (const [file, text] of Object.entries(rendererSources)) {
      // t('a.b'), t("a.b"), t(`a.b`) and t(`enum.tier.${x}`): a dynamic tail must name a group.
      for (const m of text.matchAll(/\bt\(\s*(['"`])([A-Za-z][\w.-]*(?:\$\{[^}]*\}[\w.-]*)?)\1/g)) {
        const key = m[2]!;
        found++;
        if (key.includes('${')) {
          const prefix = key.slice(0, key.indexOf('${')).replace(/\.$/, '');
          if (!isGroup(prefix)) missing.push(`${file}: ${key} (no group ${prefix})`);
        } else if (!source.has(key)) missing.push(`${file}: ${key}`);
      }
      // Keys passed around as plain strings (ternaries inside t(), props, notices).
      for (const m of text.matchAll(/(['"])((?:app|connect|search|profile|edit|call|simulator|cti|nav|callbacks|promises|enum|validation|errors)\.[A-Za-z0-9_.-]+)\1/g)) {
        const key = m[2]!;
        if (!source.has(key) && !isGroup(key) && !CONTRACT_NAMES.has(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(found).toBeGreaterThan(100);
    expect([...new Set(missing)]).toEqual([]);
  });

  it("every 'validation.*' message in shared/contract and every 'errors.*' message the core sends is in zh-CN", () => {
    const missing: string[] = [];
    let validation = 0;
    for (const [file, text] of Object.entries(contractSources)) {
      for (const m of text.matchAll(/(['"`])(validation\.[A-Za-z0-9_]+)\1/g)) {
        validation++;
        if (!source.has(m[2]!)) missing.push(`${file}: ${m[2]}`);
      }
    }
    for (const [file, text] of Object.entries(messageSources)) {
      for (const m of text.matchAll(/(['"`])((?:errors|validation)\.[A-Za-z0-9_]+)\1/g)) {
        if (!source.has(m[2]!)) missing.push(`${file}: ${m[2]}`);
      }
    }
    expect(validation).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });

  it('every value of every contract enumeration has a label, and no label is left over', () => {
    const enums: Record<string, readonly string[]> = {
      tier: TIERS,
      lifecycle: LIFECYCLE_STAGES,
      channel: CHANNELS,
      gender: GENDERS,
      status: CUSTOMER_STATUSES,
      language: LANGUAGES,
      bookingKind: BOOKING_KINDS,
      bookingStatus: BOOKING_STATUSES,
      churnReason: CHURN_REASONS,
      field: CustomerSummary.shape.matchedField.options,
      direction: DIRECTIONS,
      kind: CUSTOMER_KINDS,
      role: ROLES,
      phoneKind: PhoneView.shape.kind.options,
      preferenceCategory: PREFERENCE_CATEGORIES,
      disposition: DISPOSITIONS,
      callState: CALL_STATES,
      callSource: CALL_SOURCES,
      slaState: SLA_STATES,
      ctiState: CTI_STATES,
      complaintStep: COMPLAINT_STEP_KEYS,
      dueState: DUE_STATES,
      attemptOutcome: ATTEMPT_OUTCOMES,
    };
    const problems: string[] = [];
    for (const [group, values] of Object.entries(enums)) {
      for (const v of values) if (!source.has(`enum.${group}.${v}`)) problems.push(`enum.${group}.${v} is missing`);
      for (const key of source.keys()) {
        if (key.startsWith(`enum.${group}.`) && !values.includes(key.slice(`enum.${group}.`.length))) problems.push(`${key} is not a value`);
      }
    }
    const groups = new Set([...source.keys()].filter((k) => k.startsWith('enum.')).map((k) => k.split('.')[1]));
    for (const g of groups) if (!(g! in enums)) problems.push(`enum.${g} is not checked against the contract`);
    expect(problems).toEqual([]);
  });

  it('uses the agreed zh-CN labels', () => {
    expect(zhCN.enum.tier.platinum).toBe('白金');
    expect(Object.values(zhCN.enum.lifecycle)).toEqual(['考察期', '形成期', '稳定期', '退化期']);
    expect(zhCN.enum.status).toEqual({ prospect: '潜在客户', active: '现实客户', churned: '流失客户' });
    expect(zhCN.validation.email).toBe('请输入有效的电子邮箱地址，例如 name@example.com');
    expect(Object.values(zhCN.enum.complaintStep)).toEqual(['倾听', '道歉', '分析', '解决', '回访', '反思']);
    expect(zhCN.enum.callState).toEqual({ ringing: '振铃中', answered: '通话中', ended: '已挂断' });
  });
});
