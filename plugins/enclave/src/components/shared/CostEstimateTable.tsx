import { CostEstimate, formatUsd } from '@data-enclave/plugin-enclave-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';

/**
 * The estimate with its lines, total, and the date and source of the prices:
 * shared by the template's review field and the Enclave card so both say the
 * same thing the same way.
 */
export function CostEstimateTable(props: { estimate: CostEstimate }) {
  const { estimate } = props;
  return (
    <div data-testid="enclave-cost-estimate">
      <Table size="small" aria-label="Estimated monthly cost">
        <TableBody>
          {estimate.lines.map(line => (
            <TableRow key={line.item}>
              <TableCell>{line.item}</TableCell>
              <TableCell>{line.detail}</TableCell>
              <TableCell align="right">{formatUsd(line.monthlyUsd)}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell colSpan={2}>
              <strong>Estimated total per month</strong>
            </TableCell>
            <TableCell align="right">
              <strong>{formatUsd(estimate.totalMonthlyUsd)}</strong>
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <Typography variant="caption" component="p" style={{ marginTop: 4 }}>
        Estimate, not a quote: prices as of {estimate.asOf} from{' '}
        {estimate.source}. Assumes {estimate.assumptions.join('; ')}.
        {estimate.unpriced.length > 0 &&
          ` Not priced: ${estimate.unpriced.join(', ')}.`}
      </Typography>
    </div>
  );
}
