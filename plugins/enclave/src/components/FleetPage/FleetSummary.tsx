import type { FleetStatusResponse } from '@data-enclave/plugin-enclave-common';
import Typography from '@material-ui/core/Typography';

/** The CLI's `enclave fleet status` says the same, in the same words. */
export function fleetSummaryText(fleet: FleetStatusResponse): string {
  return `Fleet at stack version ${fleet.targetVersion}: ${fleet.behind} behind, ${fleet.current} current`;
}

export function FleetSummary(props: { fleet: FleetStatusResponse }) {
  return (
    <Typography variant="h5" component="h2" data-testid="fleet-summary">
      {fleetSummaryText(props.fleet)}
    </Typography>
  );
}
