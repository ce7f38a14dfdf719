import { PRICE_TABLE, PriceTable, WorkspacesComputeType } from './priceTable';

/** Hours in an average month (8760 / 12), the unit AWS prices monthly services in. */
export const HOURS_PER_MONTH = 730;

/**
 * Usage assumption for things billed only while they run (AUTO_STOP desktops,
 * an EMR cluster with idle auto-termination): a working month of 8 h × 20 days.
 */
export const DEFAULT_USAGE_HOURS_PER_MONTH = 160;

export interface CostEstimateInput {
  emr?: { instanceType?: string; coreNodeCount?: number };
  workspaces?: { computeType?: string };
  /** Number of people who get a desktop. */
  userCount: number;
  /** Overrides `DEFAULT_USAGE_HOURS_PER_MONTH`. */
  usageHoursPerMonth?: number;
}

export interface CostLine {
  item: string;
  detail: string;
  monthlyUsd: number;
}

export interface CostEstimate {
  lines: CostLine[];
  totalMonthlyUsd: number;
  /** Date and source of the prices, shown with every estimate. */
  asOf: string;
  source: string;
  /** What the estimate assumes and leaves out, shown as a footnote. */
  assumptions: string[];
  /** Inputs not in the price table (e.g. an unlisted instance type): those lines are 0. */
  unpriced: string[];
}

/**
 * Estimated monthly cost of one environment: directory, EMR nodes and one
 * AUTO_STOP WorkSpace per user. Defaults match the EnvironmentSpec defaults
 * (m5.xlarge, 1 primary + 2 core, PERFORMANCE) so a half-filled form still
 * gets a sensible figure.
 */
export function estimateMonthlyCost(
  input: CostEstimateInput,
  prices: PriceTable = PRICE_TABLE,
): CostEstimate {
  const hours = input.usageHoursPerMonth ?? DEFAULT_USAGE_HOURS_PER_MONTH;
  const unpriced: string[] = [];

  const directory =
    prices.directoryPerDomainControllerHour *
    prices.directoryDomainControllers *
    HOURS_PER_MONTH;

  const instanceType = input.emr?.instanceType || 'm5.xlarge';
  const nodes = 1 + (input.emr?.coreNodeCount ?? 2);
  const nodeHourly = prices.emrNodeHourly[instanceType];
  if (nodeHourly === undefined)
    unpriced.push(`EMR instance type ${instanceType}`);
  const emr = (nodeHourly ?? 0) * nodes * hours;

  const computeType = (input.workspaces?.computeType ||
    'PERFORMANCE') as WorkspacesComputeType;
  const desktop = prices.workspacesAutoStop[computeType];
  if (!desktop) unpriced.push(`WorkSpaces compute type ${computeType}`);
  const perUser = desktop ? desktop.monthly + desktop.hourly * hours : 0;
  const users = Math.max(0, input.userCount);

  const lines: CostLine[] = [
    {
      item: 'Managed Microsoft AD',
      detail: `${prices.directoryDomainControllers} domain controllers, always on`,
      monthlyUsd: round(directory),
    },
    {
      item: 'EMR cluster',
      detail: `${nodes} × ${instanceType}, ${hours} h`,
      monthlyUsd: round(emr),
    },
    {
      item: 'WorkSpaces',
      detail: `${users} × ${computeType} AUTO_STOP, ${hours} h each`,
      monthlyUsd: round(perUser * users),
    },
  ];
  return {
    lines,
    totalMonthlyUsd: round(lines.reduce((sum, l) => sum + l.monthlyUsd, 0)),
    asOf: prices.asOf,
    source: prices.source,
    assumptions: [
      `${hours} running hours a month for desktops and the EMR cluster (it terminates when idle)`,
      'excludes storage, data transfer, VPC endpoints, KMS and logs',
    ],
    unpriced,
  };
}

/** `$1,234` style amount for labels. */
export function formatUsd(amount: number): string {
  return `$${amount.toLocaleString('en-US', {
    minimumFractionDigits: 0,
    maximumFractionDigits: 0,
  })}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
