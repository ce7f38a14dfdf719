/*
 * A small, dated price table for the monthly cost estimate shown in the
 * template's review step and on the Enclave card. It is deliberately a table
 * in code: the estimate must work offline and in plan mode (no Pricing API
 * call), and a platform team reviews a price change in a pull request.
 *
 * Every price carries the page it was read from and the date (`sources`).
 * Prices are on-demand list prices in USD. Every region the stack can be
 * placed in (`WORKSPACES_AZ_IDS`) has a table in `PRICE_TABLES`, and a test
 * keeps the two in step. A price that has not been read for a region is
 * not guessed: the entry says `fallbackFrom: 'us-east-1'`, the figure is
 * us-east-1's, and the estimate marks the line. Replace a fallback by
 * reading the region's figure from the page and writing it with its date.
 * `stackCostItems.ts` lists what the stack creates, and the enclave-node test
 * `stack/costCoverage.test.ts` fails when the stack gains a resource type that
 * neither has a price nor a reason it is free.
 */
import type { WORKSPACES_COMPUTE_TYPES } from '../spec';

export type WorkspacesComputeType = (typeof WORKSPACES_COMPUTE_TYPES)[number];

export interface WorkspacesAutoStopPrice {
  /** Fixed monthly fee (infrastructure + root/user volumes), paid even when stopped. */
  monthly: number;
  /** Charged per hour while the desktop runs. */
  hourly: number;
}

/** The priced dimensions; each has one entry in `PRICE_SOURCES`. */
export type PriceKey =
  | 'directory'
  | 'emr'
  | 'workspaces'
  | 'interfaceEndpoint'
  | 'gatewayEndpoint'
  | 'kms'
  | 'dnsFirewall'
  | 'flowLogs'
  | 'secretsManager';

export interface PriceSource {
  /** The AWS page the price was read from. */
  url: string;
  /** ISO date it was read. */
  asOf: string;
  /** What the figure covers, or what the page said that the number relies on. */
  note?: string;
  /**
   * Set when the figure was not read for the table's region: it is this
   * region's list price instead, and the estimate labels the line.
   */
  fallbackFrom?: string;
}

export interface PriceTable {
  /** Oldest date among the sources, shown with every estimate. */
  asOf: string;
  /** Short summary of where the prices come from, shown next to every estimate. */
  source: string;
  /** Region the table is for. */
  region: string;
  /** Where each price of this table was read and when, or that it is a labelled fallback. */
  sources: Readonly<Record<PriceKey, PriceSource>>;
  /** AWS Managed Microsoft AD (Standard): per domain controller hour; it always runs two. */
  directoryPerDomainControllerHour: number;
  directoryDomainControllers: number;
  /** EMR node price per hour: EC2 on-demand + the EMR uplift, by instance type. */
  emrNodeHourly: Readonly<Record<string, number>>;
  /** WorkSpaces Personal, Linux bundle, AUTO_STOP running mode, by compute type. */
  workspacesAutoStop: Readonly<
    Record<WorkspacesComputeType, WorkspacesAutoStopPrice>
  >;
  /** Interface VPC endpoint, per endpoint per Availability Zone per hour. */
  interfaceEndpointPerAzHour: number;
  /** Interface endpoint data processing per GB (first PB tier). */
  interfaceEndpointPerGb: number;
  /** Gateway VPC endpoints (S3, DynamoDB) have no hourly or data charge. */
  gatewayEndpointMonthly: number;
  /** One customer-managed KMS key per month (first year; each rotation adds one). */
  kmsKeyMonthly: number;
  /** Route 53 Resolver DNS Firewall: per domain name in a domain list, per month. */
  dnsFirewallPerDomainMonthly: number;
  /** Route 53 Resolver DNS Firewall: per million queries inspected. */
  dnsFirewallPerMillionQueries: number;
  /** CloudWatch Logs ingestion per GB (VPC flow logs are vended logs). */
  logsIngestionPerGb: number;
  /** CloudWatch Logs storage per GB-month. */
  logsStoragePerGbMonth: number;
  /** One Secrets Manager secret per month. */
  secretMonthly: number;
}

/** Where each price in the us-east-1 table was read, and when. */
export const PRICE_SOURCES: Readonly<Record<PriceKey, PriceSource>> = {
  directory: {
    url: 'https://aws.amazon.com/directoryservice/pricing/',
    asOf: '2026-09-01',
    note: 'AWS Managed Microsoft AD Standard, billed per domain controller hour; a directory runs two domain controllers in two AZs',
  },
  emr: {
    url: 'https://aws.amazon.com/emr/pricing/',
    asOf: '2026-09-01',
    note: 'EMR on EC2 price per instance hour plus the EC2 on-demand price (aws.amazon.com/ec2/pricing/on-demand/)',
  },
  workspaces: {
    url: 'https://aws.amazon.com/workspaces/personal/pricing/',
    asOf: '2026-09-01',
    note: 'AutoStop (hourly) running mode: a fixed monthly fee for the volumes and infrastructure, charged for running and stopped WorkSpaces, plus an hourly fee while running (AWS, "Amazon WorkSpaces: Billing Modes and Cost Optimization", community.aws, 2024-06-07)',
  },
  interfaceEndpoint: {
    url: 'https://aws.amazon.com/privatelink/pricing/',
    asOf: '2026-12-01',
    note: '"billed for each hour that your VPC endpoint remains provisioned in each Availability Zone"; partial hours bill as full hours; $0.01 per GB processed for the first PB',
  },
  gatewayEndpoint: {
    url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
    asOf: '2026-12-01',
    note: 'gateway endpoints (S3, DynamoDB) carry no additional charge',
  },
  kms: {
    url: 'https://aws.amazon.com/kms/pricing/',
    asOf: '2026-12-01',
    note: '"Each AWS KMS key that you create in KMS costs $1/month"; with automatic rotation each new backing key adds $1/month; 20,000 requests a month are free',
  },
  dnsFirewall: {
    url: 'https://aws.amazon.com/route53/pricing/',
    asOf: '2026-12-01',
    note: 'Resolver DNS Firewall: $0.60 per million queries (first billion), $0.0005 per domain name per month, as transcribed from the page on 2026-09-20',
  },
  flowLogs: {
    url: 'https://aws.amazon.com/cloudwatch/pricing/',
    asOf: '2026-12-01',
    note: 'VPC flow logs delivered to CloudWatch Logs are vended logs, billed per GB ingested, then per GB-month stored',
  },
  secretsManager: {
    url: 'https://aws.amazon.com/secrets-manager/pricing/',
    asOf: '2026-12-01',
    note: '$0.40 per secret per month, prorated; $0.05 per 10,000 API calls',
  },
};

/** us-east-1 on-demand list prices (see `PRICE_SOURCES` for each). */
export const PRICE_TABLE: PriceTable = {
  asOf: '2026-09-01',
  source:
    'AWS list prices (us-east-1) from the pricing pages of Directory Service, EMR, WorkSpaces, PrivateLink, KMS, Route 53, CloudWatch and Secrets Manager',
  region: 'us-east-1',
  sources: PRICE_SOURCES,
  directoryPerDomainControllerHour: 0.12,
  directoryDomainControllers: 2,
  emrNodeHourly: {
    // EC2 on-demand + EMR price per instance hour.
    'm5.xlarge': 0.192 + 0.048,
    'm5.2xlarge': 0.384 + 0.096,
    'm5.4xlarge': 0.768 + 0.192,
    'm6i.xlarge': 0.192 + 0.048,
    'm6i.2xlarge': 0.384 + 0.096,
    'm7g.xlarge': 0.1632 + 0.0408,
    'r5.xlarge': 0.252 + 0.063,
    'r5.2xlarge': 0.504 + 0.126,
    'r6i.xlarge': 0.252 + 0.063,
    'c5.xlarge': 0.17 + 0.043,
  },
  workspacesAutoStop: {
    VALUE: { monthly: 7.25, hourly: 0.17 },
    STANDARD: { monthly: 9.75, hourly: 0.26 },
    PERFORMANCE: { monthly: 13.0, hourly: 0.51 },
    POWER: { monthly: 19.0, hourly: 0.62 },
    POWERPRO: { monthly: 19.0, hourly: 1.41 },
    GENERALPURPOSE_4XLARGE: { monthly: 24.0, hourly: 2.55 },
    GENERALPURPOSE_8XLARGE: { monthly: 24.0, hourly: 5.1 },
    GRAPHICS_G4DN: { monthly: 25.0, hourly: 1.09 },
    GRAPHICSPRO_G4DN: { monthly: 25.0, hourly: 3.92 },
  },
  interfaceEndpointPerAzHour: 0.01,
  interfaceEndpointPerGb: 0.01,
  gatewayEndpointMonthly: 0,
  kmsKeyMonthly: 1,
  dnsFirewallPerDomainMonthly: 0.0005,
  dnsFirewallPerMillionQueries: 0.6,
  logsIngestionPerGb: 0.5,
  logsStoragePerGbMonth: 0.03,
  secretMonthly: 0.4,
};

/**
 * Prices that are the same in every region, with what says so. Everything
 * else on these pages is a per-region table.
 */
const REGION_INDEPENDENT: Partial<Record<PriceKey, string>> = {
  gatewayEndpoint:
    'the guide states no charge for gateway endpoints, without a regional exception',
  kms: 'the page states one price per key ("Each AWS KMS key that you create in AWS KMS costs $1/month"), not a per-region table',
};

/** When the pages were checked for the regions below. */
const FALLBACK_CHECKED = '2026-12-01';

/**
 * A region whose own figures have not been transcribed yet: us-east-1 list
 * prices, each non-uniform entry labelled `fallbackFrom: 'us-east-1'` so the
 * estimate says which lines are not the region's own. The AWS pricing pages
 * render their per-region tables in the browser from the price list; the
 * page text read on `FALLBACK_CHECKED` carried only the us-east-1 figures
 * and the region-independent ones.
 */
function usEast1Fallback(region: string): PriceTable {
  const sources = Object.fromEntries(
    (Object.keys(PRICE_SOURCES) as PriceKey[]).map(key => {
      const source = PRICE_SOURCES[key];
      const uniform = REGION_INDEPENDENT[key];
      return [
        key,
        uniform
          ? { ...source, note: `${source.note}; ${uniform}` }
          : {
              url: source.url,
              asOf: source.asOf,
              note: `${region} figure not transcribed yet (checked ${FALLBACK_CHECKED}: the page renders its per-region table in the browser); us-east-1 list price of ${source.asOf} shown`,
              fallbackFrom: 'us-east-1',
            },
      ];
    }),
  ) as Record<PriceKey, PriceSource>;
  return {
    ...PRICE_TABLE,
    region,
    sources,
    source: `${PRICE_TABLE.source}; items marked as fallback are us-east-1 list prices, not yet read for ${region}`,
  };
}

/**
 * One table for every region the stack can be placed in
 * (`WORKSPACES_AZ_IDS`); `priceTable.test.ts` fails when a region is offered
 * without one. Listed one by one so that adding a region is a visible choice.
 */
export const PRICE_TABLES: Readonly<Record<string, PriceTable>> = {
  'us-east-1': PRICE_TABLE,
  'us-west-2': usEast1Fallback('us-west-2'),
  'ap-south-1': usEast1Fallback('ap-south-1'),
  'ap-northeast-2': usEast1Fallback('ap-northeast-2'),
  'ap-southeast-1': usEast1Fallback('ap-southeast-1'),
  'ap-southeast-2': usEast1Fallback('ap-southeast-2'),
  'ap-northeast-1': usEast1Fallback('ap-northeast-1'),
  'ca-central-1': usEast1Fallback('ca-central-1'),
  'eu-central-1': usEast1Fallback('eu-central-1'),
  'eu-west-1': usEast1Fallback('eu-west-1'),
  'eu-west-2': usEast1Fallback('eu-west-2'),
  'sa-east-1': usEast1Fallback('sa-east-1'),
};

/** The keys of `table` whose figure is another region's (labelled fallback). */
export function fallbackPriceKeys(table: PriceTable): PriceKey[] {
  return (Object.keys(table.sources) as PriceKey[]).filter(
    key => table.sources[key].fallbackFrom !== undefined,
  );
}

/**
 * The table for `region`, and whether the region has one of its own in
 * `PRICE_TABLES`. A region without one (never offered: the form and the
 * action only take `WORKSPACES_AZ_IDS` regions) gets the same labelled
 * us-east-1 fallback, so no figure is ever shown unlabelled.
 */
export function priceTableFor(region: string | undefined): {
  prices: PriceTable;
  regionPriced: boolean;
} {
  if (region === undefined) return { prices: PRICE_TABLE, regionPriced: true };
  const own = Object.prototype.hasOwnProperty.call(PRICE_TABLES, region)
    ? PRICE_TABLES[region]
    : undefined;
  return own
    ? { prices: own, regionPriced: true }
    : { prices: usEast1Fallback(region), regionPriced: false };
}
