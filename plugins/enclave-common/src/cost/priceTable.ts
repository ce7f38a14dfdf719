/*
 * A small, dated price table for the monthly cost estimate shown in the
 * template's review step and on the Enclave card. It is deliberately a table
 * in code: the estimate must work offline and in plan mode (no Pricing API
 * call), and a platform team can review a price change in a pull request.
 *
 * Prices are on-demand list prices for us-east-1 in USD, read from the public
 * pricing pages below on the date in `PRICE_TABLE.asOf`. Other regions cost
 * roughly the same or up to ~20 % more, which is why the UI always labels the
 * result an estimate and shows this date and source.
 */
import type { WORKSPACES_COMPUTE_TYPES } from '../spec';

export type WorkspacesComputeType = (typeof WORKSPACES_COMPUTE_TYPES)[number];

export interface WorkspacesAutoStopPrice {
  /** Fixed monthly fee (infrastructure + root/user volumes). */
  monthly: number;
  /** Charged per hour while the desktop runs. */
  hourly: number;
}

export interface PriceTable {
  /** ISO date the prices were read. */
  asOf: string;
  /** Where the prices come from, shown next to every estimate. */
  source: string;
  /** Pricing region the table was read for. */
  region: string;
  /** AWS Managed Microsoft AD (Standard): per domain controller hour; it always runs two. */
  directoryPerDomainControllerHour: number;
  directoryDomainControllers: number;
  /** EMR node price per hour: EC2 on-demand + the EMR uplift, by instance type. */
  emrNodeHourly: Readonly<Record<string, number>>;
  /** WorkSpaces Personal, Linux bundle, AUTO_STOP running mode, by compute type. */
  workspacesAutoStop: Readonly<
    Record<WorkspacesComputeType, WorkspacesAutoStopPrice>
  >;
}

export const PRICE_TABLE: PriceTable = {
  asOf: '2026-09-01',
  source:
    'AWS list prices (us-east-1): aws.amazon.com/workspaces/pricing, aws.amazon.com/emr/pricing, aws.amazon.com/directoryservice/pricing',
  region: 'us-east-1',
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
};
