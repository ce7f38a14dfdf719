import { Link } from '@backstage/core-components';
import { CostEstimate, formatUsd } from '@data-enclave/plugin-enclave-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';

/** Amounts and labels never break mid-number ("$1 / 75"). */
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

const BASIS_LABEL = { list: '', estimated: ' (estimated)', free: '' } as const;

/**
 * The estimate with its lines, a working-month and an idle-month figure, and
 * the dated source of every price: shared by the template's review field and
 * the Enclave card so both say the same thing the same way. The amounts come
 * right after the item so a narrow card (about 490 px at a 1024 px window)
 * still shows them; the description scrolls sideways instead of squeezing.
 */
export function CostEstimateTable(props: { estimate: CostEstimate }) {
  const { estimate } = props;
  return (
    <div data-testid="enclave-cost-estimate">
      <div style={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Estimated monthly cost">
          <TableHead>
            <TableRow>
              <TableCell>Item</TableCell>
              <TableCell align="right" style={NO_WRAP}>
                Working month
              </TableCell>
              <TableCell align="right" style={NO_WRAP}>
                Idle month
              </TableCell>
              <TableCell>What</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {estimate.lines.map(line => (
              <TableRow key={line.item}>
                <TableCell style={NO_WRAP}>
                  <Link to={line.source.url} title={line.source.note}>
                    {line.item}
                  </Link>
                  {line.source.fallbackFrom && (
                    <span
                      title={`${line.source.fallbackFrom} list price: not yet read for ${estimate.pricedRegion}`}
                      data-testid="enclave-cost-fallback"
                    >
                      {' '}
                      †
                    </span>
                  )}
                </TableCell>
                <TableCell align="right" style={NO_WRAP}>
                  {formatUsd(line.monthlyUsd)}
                </TableCell>
                <TableCell align="right" style={NO_WRAP}>
                  {formatUsd(line.idleMonthlyUsd)}
                </TableCell>
                <TableCell style={{ minWidth: 200 }}>
                  {line.detail}
                  {BASIS_LABEL[line.basis]}
                </TableCell>
              </TableRow>
            ))}
            <TableRow>
              <TableCell style={NO_WRAP}>
                <strong>Estimated total per month</strong>
              </TableCell>
              <TableCell
                align="right"
                style={NO_WRAP}
                data-testid="enclave-cost-working"
              >
                <strong>{formatUsd(estimate.totalMonthlyUsd)}</strong>
              </TableCell>
              <TableCell
                align="right"
                style={NO_WRAP}
                data-testid="enclave-cost-idle"
              >
                <strong>{formatUsd(estimate.totalIdleMonthlyUsd)}</strong>
              </TableCell>
              <TableCell />
            </TableRow>
          </TableBody>
        </Table>
      </div>
      <Typography variant="caption" component="p" style={{ marginTop: 4 }}>
        Estimate, not a quote: list prices for {estimate.pricedRegion} as of{' '}
        {estimate.asOf} or later (each item links to its pricing page; hover for
        the date and what it covers). Assumes {estimate.assumptions.join('; ')}.
        {estimate.unpriced.length > 0 &&
          ` Not priced: ${estimate.unpriced.join(', ')}.`}
      </Typography>
    </div>
  );
}
