import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { ConsoleLink } from './consoleLinks';

export function ConsoleLinksList(props: { links: ConsoleLink[] }) {
  if (props.links.length === 0) return null;
  return (
    <Typography variant="body2" component="div">
      AWS console:{' '}
      {props.links.map((link, i) => (
        <span key={link.title}>
          {i > 0 && ' · '}
          <Link to={link.url}>{link.title}</Link>
        </span>
      ))}
    </Typography>
  );
}
