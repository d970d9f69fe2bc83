/**
 * Preference categories the core stores as codes (see the demo data and the agents' forms);
 * each has a label under enum.preferenceCategory. An unknown code is shown as it is.
 */
export const PREFERENCE_CATEGORIES = [
  'room_type',
  'bed',
  'floor',
  'smoking',
  'pillow',
  'diet',
  'dietary_restriction',
  'seat',
  'interest',
] as const;
export type PreferenceCategory = (typeof PREFERENCE_CATEGORIES)[number];

export const isKnownPreferenceCategory = (code: string): code is PreferenceCategory =>
  (PREFERENCE_CATEGORIES as readonly string[]).includes(code);
