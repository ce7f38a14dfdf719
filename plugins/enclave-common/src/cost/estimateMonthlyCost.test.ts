import {
  estimateMonthlyCost,
  formatUsd,
  HOURS_PER_MONTH,
} from './estimateMonthlyCost';
import { PRICE_SOURCES, PRICE_TABLE, priceTableFor } from './priceTable';
import { STACK_RESOURCE_PRICING } from './stackCostItems';
import { WORKSPACES_COMPUTE_TYPES } from '../spec';

const byItem = (input: Parameters<typeof estimateMonthlyCost>[0]) =>
  Object.fromEntries(estimateMonthlyCost(input).lines.map(l => [l.item, l]));

describe('estimateMonthlyCost', () => {
  it('prices every fixed item of the stack, the directory, EMR and one desktop per person', () => {
    const lines = byItem({ userCount: 2 });
    expect(Object.keys(lines)).toEqual([
      'Managed Microsoft AD',
      'Interface endpoints',
      'Gateway endpoints',
      'KMS key',
      'DNS Firewall',
      'Flow logs',
      'Secrets Manager',
      'EMR cluster',
      'WorkSpaces',
    ]);
    expect(lines['Managed Microsoft AD'].monthlyUsd).toBeCloseTo(
      0.12 * 2 * HOURS_PER_MONTH,
    );
    // 10 interface endpoints in 2 AZs, billed every hour: the issue's ~$146.
    expect(lines['Interface endpoints'].monthlyUsd).toBeCloseTo(
      10 * 2 * 0.01 * HOURS_PER_MONTH,
    );
    expect(lines['Gateway endpoints']).toMatchObject({
      monthlyUsd: 0,
      basis: 'free',
    });
    expect(lines['KMS key'].monthlyUsd).toBe(1);
    expect(lines['Secrets Manager'].monthlyUsd).toBeCloseTo(3 * 0.4);
    expect(lines['EMR cluster'].detail).toBe(
      '3 × m5.xlarge, 160 h; none when idle',
    );
    expect(lines['EMR cluster'].monthlyUsd).toBeCloseTo(0.24 * 3 * 160);
    expect(lines.WorkSpaces.monthlyUsd).toBeCloseTo(2 * (13 + 0.51 * 160));
    expect(lines['DNS Firewall'].basis).toBe('estimated');
    expect(lines['Flow logs'].basis).toBe('estimated');
  });

  it('shows an idle month beside the working month: always-on items plus the AUTO_STOP monthly fee', () => {
    const estimate = estimateMonthlyCost({ userCount: 3 });
    const lines = byItem({ userCount: 3 });
    expect(lines['EMR cluster'].idleMonthlyUsd).toBe(0);
    expect(lines.WorkSpaces.idleMonthlyUsd).toBeCloseTo(3 * 13);
    expect(lines['Interface endpoints'].idleMonthlyUsd).toBe(
      lines['Interface endpoints'].monthlyUsd,
    );
    expect(estimate.totalIdleMonthlyUsd).toBeGreaterThan(
      lines['Managed Microsoft AD'].monthlyUsd +
        lines['Interface endpoints'].monthlyUsd,
    );
    expect(estimate.totalIdleMonthlyUsd).toBeLessThan(estimate.totalMonthlyUsd);
    const sum = (pick: (l: (typeof estimate.lines)[number]) => number) =>
      estimate.lines.reduce((t, l) => t + pick(l), 0);
    expect(estimate.totalMonthlyUsd).toBeCloseTo(sum(l => l.monthlyUsd));
    expect(estimate.totalIdleMonthlyUsd).toBeCloseTo(
      sum(l => l.idleMonthlyUsd),
    );
  });

  it('gives every line a dated source', () => {
    for (const l of estimateMonthlyCost({ userCount: 1 }).lines) {
      expect(l.source.url).toMatch(
        /^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com)\//,
      );
      expect(l.source.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(PRICE_TABLE.asOf).toBe(
      Object.values(PRICE_SOURCES)
        .map(s => s.asOf)
        .sort()[0],
    );
  });

  it("marks every line whose price is not the region's own, and says so", () => {
    expect(priceTableFor('us-east-1').regionPriced).toBe(true);
    expect(
      estimateMonthlyCost({ userCount: 1, region: 'us-east-1' }).lines.filter(
        l => l.source.fallbackFrom,
      ),
    ).toEqual([]);

    const estimate = estimateMonthlyCost({ userCount: 1, region: 'eu-west-1' });
    expect(estimate.pricedRegion).toBe('eu-west-1');
    const fallback = estimate.lines
      .filter(l => l.source.fallbackFrom === 'us-east-1')
      .map(l => l.item);
    // KMS and gateway endpoints are priced the same everywhere (cited in the table).
    expect(fallback).not.toContain('KMS key');
    expect(fallback).not.toContain('Gateway endpoints');
    expect(fallback).toContain('Managed Microsoft AD');
    expect(estimate.assumptions.join(' ')).toContain(
      `eu-west-1 prices for ${fallback.join(
        ', ',
      )} are not in the table yet, so us-east-1 list prices are shown for them (marked †)`,
    );
  });

  it('scales with core nodes and users', () => {
    const small = estimateMonthlyCost({
      userCount: 1,
      emr: { coreNodeCount: 1 },
    });
    const big = estimateMonthlyCost({
      userCount: 5,
      emr: { coreNodeCount: 4 },
    });
    expect(big.totalMonthlyUsd).toBeGreaterThan(small.totalMonthlyUsd);
  });

  it('names inputs it cannot price instead of guessing', () => {
    const estimate = estimateMonthlyCost({
      userCount: 1,
      emr: { instanceType: 'x9.huge' },
    });
    expect(estimate.unpriced).toEqual(['EMR instance type x9.huge']);
    expect(
      byItem({ userCount: 1, emr: { instanceType: 'x9.huge' } })['EMR cluster']
        .monthlyUsd,
    ).toBe(0);
  });

  it('has a price for every compute type the spec offers', () => {
    for (const type of WORKSPACES_COMPUTE_TYPES) {
      expect(PRICE_TABLE.workspacesAutoStop[type].hourly).toBeGreaterThan(0);
      expect(PRICE_TABLE.workspacesAutoStop[type].monthly).toBeGreaterThan(0);
    }
  });

  it('maps every priced resource type to a price that has a source', () => {
    const problems = Object.entries(STACK_RESOURCE_PRICING).filter(
      ([, pricing]) =>
        'price' in pricing
          ? !PRICE_SOURCES[pricing.price]
          : pricing.free.trim().length < 5,
    );
    expect(problems).toEqual([]);
  });

  it('formats dollars without cents', () => {
    expect(formatUsd(1234.56)).toBe('$1,235');
  });
});
