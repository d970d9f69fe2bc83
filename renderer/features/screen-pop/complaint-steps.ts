/**
 * The six steps of a complaint (DESIGN.md): 1 listen, 2 apologise, 3 analyse, 4 solve,
 * 5 follow-up call, 6 reflect. Their names are under `enum.complaintStep.<key>`.
 */
export const COMPLAINT_STEP_KEYS = ['listen', 'apologise', 'analyse', 'solve', 'follow_up', 'reflect'] as const;
export type ComplaintStepKey = (typeof COMPLAINT_STEP_KEYS)[number];

export const complaintStepKey = (step: number): ComplaintStepKey => COMPLAINT_STEP_KEYS[Math.min(6, Math.max(1, Math.round(step))) - 1]!;
