import {
  estimateMonthlyCost,
  formatUsd,
  HOURS_PER_MONTH,
} from './estimateMonthlyCost';
import { PRICE_TABLE } from './priceTable';
import { WORKSPACES_COMPUTE_TYPES } from '../spec';

describe('estimateMonthlyCost', () => {
  it('prices the spec defaults: directory, 3 × m5.xlarge, one desktop per user', () => {
    const estimate = estimateMonthlyCost({ userCount: 2 });
    const [directory, emr, workspaces] = estimate.lines;
    expect(directory.monthlyUsd).toBeCloseTo(0.12 * 2 * HOURS_PER_MONTH);
    expect(emr.detail).toBe('3 × m5.xlarge, 160 h');
    expect(emr.monthlyUsd).toBeCloseTo(0.24 * 3 * 160);
    expect(workspaces.monthlyUsd).toBeCloseTo(2 * (13 + 0.51 * 160));
    expect(estimate.totalMonthlyUsd).toBeCloseTo(
      directory.monthlyUsd + emr.monthlyUsd + workspaces.monthlyUsd,
    );
    expect(estimate.asOf).toBe(PRICE_TABLE.asOf);
    expect(estimate.unpriced).toEqual([]);
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
    expect(estimate.lines[1].monthlyUsd).toBe(0);
  });

  it('has a price for every compute type the spec offers', () => {
    for (const type of WORKSPACES_COMPUTE_TYPES) {
      expect(PRICE_TABLE.workspacesAutoStop[type].hourly).toBeGreaterThan(0);
    }
  });

  it('formats dollars without cents', () => {
    expect(formatUsd(1234.56)).toBe('$1,235');
  });
});
