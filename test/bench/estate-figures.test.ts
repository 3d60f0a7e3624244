// The estate benchmark's figures from its runs: the fastest run of each
// measurement, each doubling fastest against fastest, and the spread of the
// rounds' own ratios, which says how far the machine's noise moves a doubling.
import { describe, expect, it } from 'vitest';
import { type Outcome, type ScaleRuns, bestOf, doubling, figuresJson, figuresText } from '../../bench/lib/estate-figures.js';

const ok = (ms: number, extra: Partial<{ outputLines: number; outputBytes: number; error: string }> = {}): Outcome => ({ kind: 'ok', report: { ms, maxRssMb: 100, ...extra } });
const counts = (k: number) => ({ vpcs: k, subnets: 10 * k, groups: 20 * k, rules: 200 * k, interfaces: 50 * k });

describe('bestOf', () => {
  it('is the fastest run that answered', () => {
    expect(bestOf([ok(300), ok(200), ok(250)])).toEqual(ok(200));
    expect(bestOf([ok(300), { kind: 'timeout' }, ok(100, { error: 'exit 2: bad' }), ok(280)])).toEqual(ok(280));
  });

  it('is the first run when none answered, and nothing for no run', () => {
    expect(bestOf([{ kind: 'failed', why: 'out of memory' }, { kind: 'timeout' }])).toEqual({ kind: 'failed', why: 'out of memory' });
    expect(bestOf([])).toBeUndefined();
  });
});

describe('doubling', () => {
  it('is fastest against fastest, with the rounds each against itself as its spread', () => {
    // Fastest: 100 and 260 (2.6); round by round: 300/120 = 2.5, 260/100 = 2.6, 330/110 = 3.0.
    const d = doubling([ok(120), ok(100), ok(110)], [ok(300), ok(260), ok(330)]);
    expect(d.best).toBeCloseTo(2.6);
    expect(d.low).toBeCloseTo(2.5);
    expect(d.high).toBeCloseTo(3.0);
  });

  it('leaves out of the spread a round where either side did not answer', () => {
    const d = doubling([ok(100), ok(100), ok(100)], [ok(200), { kind: 'timeout' }, ok(250, { error: 'exit 2' })]);
    expect(d).toEqual({ best: 2, low: 2, high: 2 });
    expect(doubling([{ kind: 'timeout' }], [ok(1)])).toEqual({ best: null, low: null, high: null });
  });
});

describe('figuresText', () => {
  const scales: ScaleRuns[] = [
    { k: 1, counts: counts(1), runs: { parse: [ok(10), ok(12)], matrix: [ok(100, { outputLines: 5, outputBytes: 2e6 }), ok(90, { outputLines: 5, outputBytes: 2e6 })] } },
    { k: 2, counts: counts(2), runs: { parse: [ok(21), ok(20)], matrix: [ok(250, { outputLines: 20, outputBytes: 8e6 }), ok(300, { outputLines: 20, outputBytes: 8e6 })] } },
  ];
  const options = { seed: 3, limitS: 60, repeat: 2, kinds: ['parse', 'matrix'] as const };

  it('lists only the measurements taken, each as the fastest and a multiple of the parse', () => {
    const text = figuresText(scales, options);
    expect(text).toContain('fastest of 2 rounds');
    expect(text).toMatch(/\| scale \| subnets \| groups \| rules \| interfaces \| JSON\.parse s \| matrix --by sg s \| x parse \| matrix lines \(MB\) \| peak MB matrix \|/);
    // 1S: matrix 0.09 s, 9.0 x the 0.01 s parse; 2S: 0.25 s, 12.5 x 0.02 s.
    expect(text).toMatch(/\| 1S +\| +10 \| +20 \| +200 \| +50 \| +0\.01 \| +0\.09 \| +9\.0 \| +5 \(2\) \| +100 \|/);
    expect(text).toMatch(/\| 2S +\| .* \| +0\.25 \| +12\.5 \| +20 \(8\) \|/);
    const tables = text.split('\n').filter((l) => l.startsWith('|')).join('\n');
    expect(tables).not.toMatch(/exposure|import|prove|diff|audit|compact/);
  });

  it('gives each doubling with its spread over the rounds, and no spread for one round', () => {
    // matrix: fastest 250/90 = 2.78; rounds 250/100 = 2.50 and 300/90 = 3.33.
    expect(figuresText(scales, options)).toMatch(/\| 1S -> 2S \| +2\.00 \(1\.67-2\.10\) \| +2\.78 \(2\.50-3\.33\) \|/);
    const one = scales.map((s) => ({ ...s, runs: { parse: s.runs.parse!.slice(0, 1), matrix: s.runs.matrix!.slice(0, 1) } }));
    expect(figuresText(one, { ...options, repeat: 1 })).toMatch(/\| 1S -> 2S \| +2\.10 \| +2\.50 \|/);
  });

  it('says "over limit" for a doubling whose larger scale ran out of time', () => {
    const timedOut: ScaleRuns[] = [scales[0]!, { ...scales[1]!, runs: { parse: [ok(20)], matrix: [{ kind: 'timeout' }] } }];
    const text = figuresText(timedOut, options);
    expect(text).toMatch(/\| 2S +\| .* \| +> 60 s \| +> 3000 \|/);
    expect(text).toMatch(/\| 1S -> 2S \| .* \| +over limit \|/);
  });
});

describe('figuresJson', () => {
  it('holds every run, the fastest, the multiple of the parse and the doublings', () => {
    const scales: ScaleRuns[] = [
      { k: 1, counts: counts(1), runs: { parse: [ok(10)], exposure: [ok(50), { kind: 'failed', why: 'out of memory' }] } },
      { k: 2, counts: counts(2), runs: { parse: [ok(20)], exposure: [ok(110), ok(120)] } },
    ];
    const doc = figuresJson(scales, { seed: 1, limitS: 60, repeat: 2, kinds: ['parse', 'exposure'] }, ['a note']) as {
      scales: { scale: number; measurements: Record<string, { best: { seconds: number }; timesParse: number | null; runs: { outcome: string }[] }> }[];
      doublings: { from: number; to: number; ratios: Record<string, { best: number; low: number; high: number }> }[];
      notes: string[];
    };
    expect(doc.scales[0]!.measurements.exposure!.best.seconds).toBe(0.05);
    expect(doc.scales[0]!.measurements.exposure!.timesParse).toBe(5);
    expect(doc.scales[0]!.measurements.exposure!.runs.map((r) => r.outcome)).toEqual(['ok', 'failed']);
    expect(doc.scales[0]!.measurements.parse!.timesParse).toBeNull();
    expect(doc.doublings).toEqual([{ from: 1, to: 2, ratios: { parse: { best: 2, low: 2, high: 2 }, exposure: { best: 2.2, low: 2.2, high: 2.2 } } }]);
    expect(doc.notes).toEqual(['a note']);
  });
});
