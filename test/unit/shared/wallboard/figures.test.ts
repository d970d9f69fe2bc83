import { describe, expect, it } from 'vitest';
import {
  callOutcome,
  computeWallboardFigures,
  DEFAULT_WALLBOARD_CONFIG,
  resolveWallboardConfig,
  SERVICE_LEVEL_DEFINITION_KEYS,
  serviceLevelDefinition,
  type QueueCallRecord,
} from '../../../../shared/domain/wallboard';

const T0 = Date.UTC(2026, 10, 26, 1, 0, 0); // 09:00 in Shanghai
const S = 1000;

/** A leg offered at T0 + `at` seconds. */
function leg(
  kind: 'answered' | 'talking' | 'abandoned' | 'exited' | 'waiting',
  waitS: number,
  o: { at?: number; talkS?: number; wrapS?: number; queue?: string; callId?: string } = {},
): QueueCallRecord {
  const offeredAt = T0 + (o.at ?? 0) * S;
  const out = offeredAt + waitS * S;
  const talkS = o.talkS ?? 0;
  return {
    queue: o.queue ?? 'hotel',
    offeredAt,
    answeredAt: kind === 'answered' || kind === 'talking' ? out : null,
    abandonedAt: kind === 'abandoned' ? out : null,
    endedAt: kind === 'answered' ? out + talkS * S : kind === 'abandoned' || kind === 'exited' ? out : null,
    waitS,
    talkS,
    wrapS: o.wrapS ?? 0,
    ...(o.callId ? { callId: o.callId } : {}),
  };
}

// The hand-computed day (T = 20 s, G = 5 s unless said otherwise):
//   A answered at 10 s, talk 100 + wrap 20      answered within T, handled
//   B answered at 30 s, talk 200 + wrap 10      answered after T, handled
//   C answered at 20 s, still talking           answered within T (20 <= 20), not handled
//   D abandoned at 3 s                          short (3 <= 5)
//   E abandoned at 5 s                          short (5 <= 5)
//   F abandoned at 12 s                         abandoned within T
//   G abandoned at 45 s                         abandoned after T
//   H exited (queue timeout) at 60 s            unanswered exit after T
//   I still waiting                             not counted
const DAY: QueueCallRecord[] = [
  leg('answered', 10, { talkS: 100, wrapS: 20 }),
  leg('answered', 30, { talkS: 200, wrapS: 10 }),
  leg('talking', 20),
  leg('abandoned', 3),
  leg('abandoned', 5),
  leg('abandoned', 12),
  leg('abandoned', 45),
  leg('exited', 60),
  leg('waiting', 0),
];

describe('wallboard figures: hand-computed day', () => {
  it('counts with the default config (80/20, short-abandon grace 5 s, answered_of_offered)', () => {
    const { centre, queues, definition, ignored } = computeWallboardFigures(DAY);
    expect(centre).toMatchObject({
      offered: 8,
      answered: 3,
      answeredWithinThreshold: 2,
      abandoned: 2,
      shortAbandoned: 2,
      exited: 1,
      handled: 2,
      serviceLevelNumerator: 2,
      serviceLevelDenominator: 6, // offered 8 − 2 short abandons
      waiting: 0,
      longestWaitS: null,
    });
    expect(centre.serviceLevelPct).toBeCloseTo(33.333, 3); // 2 / 6
    expect(centre.abandonRatePct).toBeCloseTo(33.333, 3); // 2 / 6
    expect(centre.asaS).toBe(20); // (10 + 30 + 20) / 3
    expect(centre.ahtS).toBe(165); // ((100 + 20) + (200 + 10)) / 2
    expect(queues).toEqual([{ queue: 'hotel', figures: centre }]);
    expect(definition).toEqual({
      formula: 'answered_of_offered',
      key: 'wallboard.sl.definition.answered_of_offered',
      params: { thresholdS: 20, targetPct: 80, graceS: 5 },
      shortAbandonKey: 'wallboard.sl.shortAbandon.excluded',
    });
    expect(ignored).toBe(0);
  });

  it('answered_of_answered: 2 of 3 answered', () => {
    const { centre } = computeWallboardFigures(DAY, { serviceLevelFormula: 'answered_of_answered' });
    expect([centre.serviceLevelNumerator, centre.serviceLevelDenominator]).toEqual([2, 3]);
    expect(centre.serviceLevelPct).toBeCloseTo(66.667, 3);
  });

  it('abandon_excluded: 2 of (3 answered + abandoned 45 s + exited 60 s); F at 12 s and the short ones are out', () => {
    const { centre } = computeWallboardFigures(DAY, { serviceLevelFormula: 'abandon_excluded' });
    expect([centre.serviceLevelNumerator, centre.serviceLevelDenominator, centre.serviceLevelPct]).toEqual([2, 5, 40]);
  });

  it('grace 0 disables the short-abandon exclusion: every abandon counts', () => {
    const { centre, definition } = computeWallboardFigures(DAY, { shortAbandonGraceS: 0 });
    expect(centre).toMatchObject({ offered: 8, abandoned: 4, shortAbandoned: 0, serviceLevelDenominator: 8 });
    expect(centre.serviceLevelPct).toBe(25); // 2 / 8
    expect(centre.abandonRatePct).toBe(50); // 4 / 8
    expect(definition.shortAbandonKey).toBe('wallboard.sl.shortAbandon.counted');
    // abandon_excluded does not move: D, E, F gave up within T either way.
    expect(computeWallboardFigures(DAY, { shortAbandonGraceS: 0, serviceLevelFormula: 'abandon_excluded' }).centre.serviceLevelPct).toBe(40);
  });

  it('grace 3 s: the 3 s abandon is short, the 5 s one counts', () => {
    const { centre } = computeWallboardFigures(DAY, { shortAbandonGraceS: 3 });
    expect(centre).toMatchObject({ shortAbandoned: 1, abandoned: 3, serviceLevelDenominator: 7 });
    expect(centre.serviceLevelPct).toBeCloseTo((2 / 7) * 100, 9);
    expect(centre.abandonRatePct).toBeCloseTo((3 / 7) * 100, 9);
  });

  it('the threshold is inclusive and configurable: T = 30 puts B within', () => {
    const { centre } = computeWallboardFigures(DAY, { serviceLevelThresholdS: 30 });
    expect(centre.answeredWithinThreshold).toBe(3);
    expect(centre.serviceLevelPct).toBe(50); // 3 / 6
  });
});

describe('wallboard figures: zero denominators are null, never NaN', () => {
  it('no calls at all', () => {
    const { centre, queues } = computeWallboardFigures([]);
    expect(queues).toEqual([]);
    expect(centre).toMatchObject({ offered: 0, serviceLevelPct: null, abandonRatePct: null, asaS: null, ahtS: null, longestWaitS: null });
  });

  it('only short abandons: offered 2, but no rate', () => {
    const { centre } = computeWallboardFigures([leg('abandoned', 2), leg('abandoned', 4)]);
    expect(centre).toMatchObject({ offered: 2, shortAbandoned: 2, serviceLevelPct: null, serviceLevelDenominator: 0, abandonRatePct: null, asaS: null });
    for (const f of ['answered_of_answered', 'abandon_excluded'] as const) {
      expect(computeWallboardFigures([leg('abandoned', 2)], { serviceLevelFormula: f }).centre.serviceLevelPct).toBeNull();
    }
  });

  it('abandon_excluded with only abandons within T; AHT with only calls still talking', () => {
    const { centre } = computeWallboardFigures([leg('abandoned', 10), leg('talking', 25)], { serviceLevelFormula: 'abandon_excluded' });
    expect([centre.serviceLevelNumerator, centre.serviceLevelDenominator, centre.serviceLevelPct]).toEqual([0, 1, 0]);
    expect(centre.ahtS).toBeNull();
    expect(centre.asaS).toBe(25);
    const only = computeWallboardFigures([leg('abandoned', 10)], { serviceLevelFormula: 'abandon_excluded' }).centre;
    expect(only.serviceLevelPct).toBeNull();
    expect(only.abandonRatePct).toBe(100);
  });

  it('skips unusable records and says how many', () => {
    const bad = { ...leg('answered', 5), waitS: Number.NaN };
    const r = computeWallboardFigures([bad, leg('answered', 5)]);
    expect(r.ignored).toBe(1);
    expect(r.centre.offered).toBe(1);
  });
});

describe('wallboard figures: per queue, centre and live waiting', () => {
  it('longest wait and waiting per queue from live callers', () => {
    const now = T0 + 600 * S;
    const r = computeWallboardFigures([leg('answered', 10, { queue: 'hotel', talkS: 60 })], {}, {
      now,
      waiting: [
        { queue: 'hotel', joinedAt: now - 42 * S },
        { queue: 'hotel', joinedAt: now - 7 * S },
        { queue: 'tours', joinedAt: now - 90 * S },
      ],
    });
    expect(r.centre).toMatchObject({ waiting: 3, longestWaitS: 90 });
    expect(r.queues.map((q) => [q.queue, q.figures.waiting, q.figures.longestWaitS, q.figures.offered])).toEqual([
      ['hotel', 2, 42, 1],
      ['tours', 1, 90, 0],
    ]);
  });

  it('an overflowed call counts per leg in each queue but once in the centre', () => {
    // Waits 15 s in sales, times out into service, answered there after 10 more: 25 s in all.
    const legs = [
      leg('exited', 15, { queue: 'sales', callId: 'c1' }),
      leg('answered', 10, { at: 15, queue: 'service', callId: 'c1', talkS: 60 }),
      leg('answered', 5, { queue: 'service', callId: 'c2', talkS: 30 }),
    ];
    const r = computeWallboardFigures(legs);
    const q = Object.fromEntries(r.queues.map((x) => [x.queue, x.figures]));
    expect(q.sales).toMatchObject({ offered: 1, exited: 1, serviceLevelPct: 0 });
    expect(q.service).toMatchObject({ offered: 2, answered: 2, serviceLevelPct: 100, asaS: 7.5 });
    expect(r.centre).toMatchObject({ offered: 2, answered: 2, exited: 0, answeredWithinThreshold: 1, serviceLevelPct: 50, asaS: 15 });
    // Without callIds the legs cannot be tied: 3 offered, 2 of 3 within.
    const untied = computeWallboardFigures(legs.map(({ callId: _c, ...rest }) => rest)).centre;
    expect(untied).toMatchObject({ offered: 3, exited: 1, answeredWithinThreshold: 2 });
  });

  it('a call exiting every queue unanswered stays one unanswered call in the centre', () => {
    const legs = [leg('exited', 30, { queue: 'a', callId: 'x' }), leg('exited', 30, { at: 30, queue: 'b', callId: 'x' })];
    expect(computeWallboardFigures(legs).centre).toMatchObject({ offered: 1, exited: 1, serviceLevelPct: 0 });
  });
});

describe('wallboard config and definitions', () => {
  it('defaults to 80 % in 20 s, grace 5 s, answered_of_offered', () => {
    expect(resolveWallboardConfig()).toEqual(DEFAULT_WALLBOARD_CONFIG);
    expect(DEFAULT_WALLBOARD_CONFIG).toEqual({ serviceLevelThresholdS: 20, serviceLevelTargetPct: 80, shortAbandonGraceS: 5, serviceLevelFormula: 'answered_of_offered' });
  });

  it('refuses nonsense with a clear message', () => {
    expect(() => resolveWallboardConfig({ serviceLevelThresholdS: -1 })).toThrow(/serviceLevelThresholdS/);
    expect(() => resolveWallboardConfig({ serviceLevelTargetPct: 120 })).toThrow(/0\.\.100/);
    expect(() => resolveWallboardConfig({ shortAbandonGraceS: Number.NaN })).toThrow(/shortAbandonGraceS/);
    expect(() => resolveWallboardConfig({ serviceLevelFormula: 'magic' as never })).toThrow(/Unknown service level formula/);
  });

  it('has one i18n definition key per formula', () => {
    expect(SERVICE_LEVEL_DEFINITION_KEYS).toEqual({
      answered_of_offered: 'wallboard.sl.definition.answered_of_offered',
      answered_of_answered: 'wallboard.sl.definition.answered_of_answered',
      abandon_excluded: 'wallboard.sl.definition.abandon_excluded',
    });
    expect(serviceLevelDefinition(resolveWallboardConfig({ serviceLevelFormula: 'abandon_excluded', serviceLevelThresholdS: 30 }))).toMatchObject({
      key: 'wallboard.sl.definition.abandon_excluded',
      params: { thresholdS: 30, targetPct: 80, graceS: 5 },
    });
  });

  it('classifies outcomes: answered wins over a stray abandonedAt', () => {
    const both = { ...leg('answered', 4), abandonedAt: T0 };
    expect(callOutcome(both, { shortAbandonGraceS: 5 })).toBe('answered');
    expect(callOutcome(leg('waiting', 0), { shortAbandonGraceS: 5 })).toBe('waiting');
  });
});
