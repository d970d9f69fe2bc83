/** The six steps of the complaint practice, in order; maps to complaints.current_step / complaint_steps.step. */
export type StepNumber = 1 | 2 | 3 | 4 | 5 | 6;
export const STEP_NUMBERS: readonly StepNumber[] = Object.freeze([1, 2, 3, 4, 5, 6] as const);

export type StepName = 'listen' | 'apologise' | 'analyse' | 'solve' | 'follow_up' | 'reflect';
export const STEP_NAMES: Readonly<Record<StepNumber, StepName>> = Object.freeze({
  1: 'listen',
  2: 'apologise',
  3: 'analyse',
  4: 'solve',
  5: 'follow_up',
  6: 'reflect',
});

export function isStepNumber(n: unknown): n is StepNumber {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 6;
}

/** The product or service itself / staff attitude or skill / the customer's own reasons / other. */
export const CATEGORIES = ['product_service', 'staff', 'customer_own', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SUBCATEGORIES = [
  'room',
  'cleanliness',
  'noise',
  'food',
  'guide',
  'itinerary_change',
  'transport',
  'billing',
  'booking_error',
  'other',
] as const;
export type Subcategory = (typeof SUBCATEGORIES)[number];

/**
 * Which subcategories fit which category. product_service: what was sold (room, food, …);
 * staff: where a person's attitude or skill was at fault; customer_own: what the customer
 * caused themselves (changed plans, booked wrongly, …); other: anything.
 */
export const SUBCATEGORIES_BY_CATEGORY: Readonly<Record<Category, readonly Subcategory[]>> = Object.freeze({
  product_service: Object.freeze([
    'room',
    'cleanliness',
    'noise',
    'food',
    'itinerary_change',
    'transport',
    'billing',
    'booking_error',
    'other',
  ] as const),
  staff: Object.freeze(['guide', 'room', 'food', 'transport', 'billing', 'booking_error', 'other'] as const),
  customer_own: Object.freeze(['itinerary_change', 'booking_error', 'billing', 'transport', 'other'] as const),
  other: SUBCATEGORIES,
});

export function subcategoryFits(category: Category, subcategory: Subcategory): boolean {
  return SUBCATEGORIES_BY_CATEGORY[category].includes(subcategory);
}

/** Step 3's root cause: why it happened, as a code the report groups by and the UI translates. */
export const ROOT_CAUSES = [
  'process',
  'staff_training',
  'staff_attitude',
  'supplier',
  'facility',
  'system',
  'communication',
  'policy',
  'customer',
  'other',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const REMEDIES = ['refund', 'compensation', 'upgrade', 'voucher', 'redo', 'apology_only'] as const;
export type Remedy = (typeof REMEDIES)[number];
/** Remedies that are an amount of money: they need amountCents and a currency. */
export const MONEY_REMEDIES: readonly Remedy[] = Object.freeze(['refund', 'compensation', 'voucher'] as const);

/** The channel the complaint arrived on (the interaction channels of the domain). */
export const CHANNELS = ['phone_in', 'phone_out', 'email', 'sms', 'wechat', 'web', 'walk_in', 'fax'] as const;
export type Channel = (typeof CHANNELS)[number];

export type StartSource = 'call' | 'profile' | 'search';
export type Role = 'agent' | 'supervisor' | 'admin';
/** Roles allowed to approve a remedy above the approval threshold. */
export const APPROVER_ROLES: readonly Role[] = Object.freeze(['supervisor', 'admin'] as const);

export function isOneOf<T extends string>(list: readonly T[], v: unknown): v is T {
  return typeof v === 'string' && (list as readonly string[]).includes(v);
}
