import {
  PriceKey,
  PriceSource,
  PriceTable,
  priceTableFor,
  WorkspacesComputeType,
} from './priceTable';
import { STACK_COST_SHAPE } from './stackCostItems';

/** Hours in an average month (8760 / 12), the unit AWS prices monthly services in. */
export const HOURS_PER_MONTH = 730;

/**
 * Usage assumption for things billed only while they run (AUTO_STOP desktops,
 * an EMR cluster with idle auto-termination): a working month of 8 h × 20 days.
 */
export const DEFAULT_USAGE_HOURS_PER_MONTH = 160;

/**
 * Usage-dependent quantities the estimate has to guess, for a working month
 * and an idle one. They are labelled "estimated" wherever they are shown.
 */
export const USAGE_ESTIMATES = {
  /** DNS queries the firewall inspects (desktops, EMR nodes, SDK clients). */
  dnsMillionQueries: { working: 1, idle: 0.1 },
  /** VPC flow-log volume ingested into CloudWatch Logs (all traffic, ENIs in the VPC). */
  flowLogGb: { working: 5, idle: 0.5 },
} as const;

export interface CostEstimateInput {
  emr?: { instanceType?: string; coreNodeCount?: number };
  workspaces?: { computeType?: string };
  /** Number of people who get a desktop. */
  userCount: number;
  /** Overrides `DEFAULT_USAGE_HOURS_PER_MONTH`. */
  usageHoursPerMonth?: number;
  /** AWS region; a price not yet read for it is us-east-1's, and the line says so. */
  region?: string;
}

export interface CostLine {
  item: string;
  detail: string;
  /** A working month (`usageHoursPerMonth` of use). */
  monthlyUsd: number;
  /** A month nobody works: only what is always on or billed while stopped. */
  idleMonthlyUsd: number;
  /** `list`: list price × a known quantity; `estimated`: the quantity is a guess; `free`: shown so nobody wonders. */
  basis: 'list' | 'estimated' | 'free';
  /** Where the price was read, and when. */
  source: PriceSource;
}

export interface CostEstimate {
  lines: CostLine[];
  totalMonthlyUsd: number;
  totalIdleMonthlyUsd: number;
  /** Oldest date among the prices, shown with every estimate. */
  asOf: string;
  source: string;
  /** Region the prices are for. */
  pricedRegion: string;
  /** What the estimate assumes and leaves out, shown as a footnote. */
  assumptions: string[];
  /** Inputs not in the price table (e.g. an unlisted instance type): those lines are 0. */
  unpriced: string[];
}

/**
 * Estimated monthly cost of one environment: every fixed item the stack
 * creates (directory, interface endpoints per AZ, gateway endpoints, KMS,
 * DNS Firewall, flow logs, secrets) plus EMR and one AUTO_STOP WorkSpace per
 * person, for a working month and for an idle one. Defaults match the
 * EnvironmentSpec defaults (m5.xlarge, 1 primary + 2 core, PERFORMANCE) so a
 * half-filled form still gets a sensible figure.
 */
export function estimateMonthlyCost(
  input: CostEstimateInput,
  table?: PriceTable,
): CostEstimate {
  const prices = table ?? priceTableFor(input.region).prices;
  const hours = input.usageHoursPerMonth ?? DEFAULT_USAGE_HOURS_PER_MONTH;
  const users = Math.max(0, input.userCount);
  const shape = STACK_COST_SHAPE;
  const unpriced: string[] = [];
  const line = (
    key: PriceKey,
    item: string,
    detail: string,
    working: number,
    idle: number,
    basis: CostLine['basis'] = 'list',
  ): CostLine => ({
    item,
    detail,
    monthlyUsd: round(working),
    idleMonthlyUsd: round(idle),
    basis,
    source: prices.sources[key],
  });

  const directory =
    prices.directoryPerDomainControllerHour *
    prices.directoryDomainControllers *
    HOURS_PER_MONTH;

  const endpointAzs = shape.interfaceEndpoints * shape.availabilityZones;
  const endpoints =
    endpointAzs * prices.interfaceEndpointPerAzHour * HOURS_PER_MONTH;

  const kms = shape.kmsKeys * prices.kmsKeyMonthly;

  const dns = USAGE_ESTIMATES.dnsMillionQueries;
  const dnsDomains =
    shape.dnsFirewallDomains * prices.dnsFirewallPerDomainMonthly;
  const dnsCost = (millions: number) =>
    dnsDomains + millions * prices.dnsFirewallPerMillionQueries;

  const logs = USAGE_ESTIMATES.flowLogGb;
  const logCost = (gb: number) =>
    gb * (prices.logsIngestionPerGb + prices.logsStoragePerGbMonth);

  const secrets = shape.stackSecrets + users;

  const instanceType = input.emr?.instanceType || 'm5.xlarge';
  const nodes = 1 + (input.emr?.coreNodeCount ?? 2);
  const nodeHourly = prices.emrNodeHourly[instanceType];
  if (nodeHourly === undefined)
    unpriced.push(`EMR instance type ${instanceType}`);

  const computeType = (input.workspaces?.computeType ||
    'PERFORMANCE') as WorkspacesComputeType;
  const desktop = prices.workspacesAutoStop[computeType];
  if (!desktop) unpriced.push(`WorkSpaces compute type ${computeType}`);

  const lines: CostLine[] = [
    line(
      'directory',
      'Managed Microsoft AD',
      `${prices.directoryDomainControllers} domain controllers, always on`,
      directory,
      directory,
    ),
    line(
      'interfaceEndpoint',
      'Interface endpoints',
      `${shape.interfaceEndpoints} services × ${shape.availabilityZones} AZs, always on`,
      endpoints,
      endpoints,
    ),
    line(
      'gatewayEndpoint',
      'Gateway endpoints',
      `S3 and DynamoDB (${shape.gatewayEndpoints}), no charge`,
      0,
      0,
      'free',
    ),
    line(
      'kms',
      'KMS key',
      `${shape.kmsKeys} customer-managed key, rotation on`,
      kms,
      kms,
    ),
    line(
      'dnsFirewall',
      'DNS Firewall',
      `${shape.dnsFirewallDomains} listed domains; est. ${dns.working}M queries (idle ${dns.idle}M)`,
      dnsCost(dns.working),
      dnsCost(dns.idle),
      'estimated',
    ),
    line(
      'flowLogs',
      'Flow logs',
      `est. ${logs.working} GB ingested and stored (idle ${logs.idle} GB)`,
      logCost(logs.working),
      logCost(logs.idle),
      'estimated',
    ),
    line(
      'secretsManager',
      'Secrets Manager',
      `${secrets} secrets (directory admin + 1 initial password per person)`,
      secrets * prices.secretMonthly,
      secrets * prices.secretMonthly,
    ),
    line(
      'emr',
      'EMR cluster',
      `${nodes} × ${instanceType}, ${hours} h; none when idle`,
      (nodeHourly ?? 0) * nodes * hours,
      0,
    ),
    line(
      'workspaces',
      'WorkSpaces',
      `${users} × ${computeType} AUTO_STOP: monthly fee + ${hours} h each; idle pays the monthly fee`,
      desktop ? users * (desktop.monthly + desktop.hourly * hours) : 0,
      desktop ? users * desktop.monthly : 0,
    ),
  ];

  const sum = (pick: (l: CostLine) => number) =>
    round(lines.reduce((total, l) => total + pick(l), 0));
  const assumptions = [
    `a working month is ${hours} running hours for desktops and the EMR cluster (it terminates when idle); an idle month has nobody working`,
    'DNS queries and flow-log volume are estimates; endpoint data processing ($0.01/GB), S3 storage and requests, and data transfer are not included',
  ];
  const fallbacks = lines.filter(l => l.source.fallbackFrom);
  if (fallbacks.length > 0) {
    assumptions.push(
      `${prices.region} prices for ${fallbacks
        .map(l => l.item)
        .join(', ')} are not in the table yet, so ${
        fallbacks[0].source.fallbackFrom
      } list prices are shown for them (marked †)`,
    );
  }
  return {
    lines,
    totalMonthlyUsd: sum(l => l.monthlyUsd),
    totalIdleMonthlyUsd: sum(l => l.idleMonthlyUsd),
    asOf: prices.asOf,
    source: prices.source,
    pricedRegion: prices.region,
    assumptions,
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
