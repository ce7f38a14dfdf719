import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import { useEffect } from 'react';
import { useAllowedRegions } from '../../hooks/useAllowedRegions';

/** A select of the platform's allowed regions (never a free-text region). */
export function RegionPicker(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, required, rawErrors, schema, idSchema } = props;
  const { loading, error, value: regions } = useAllowedRegions();

  // One allowed region means there is nothing to choose: pick it.
  useEffect(() => {
    if (!formData && regions?.length === 1) onChange(regions[0].id);
  }, [formData, regions, onChange]);

  const labelId = `${idSchema?.$id ?? 'region'}-label`;
  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={Boolean(error) || (rawErrors?.length ?? 0) > 0}
    >
      <InputLabel id={labelId}>{schema.title ?? 'Region'}</InputLabel>
      <Select
        labelId={labelId}
        id={idSchema?.$id}
        value={formData ?? ''}
        disabled={loading || Boolean(error)}
        onChange={e => onChange(e.target.value as string)}
        data-testid="enclave-region-picker"
      >
        {(regions ?? []).map(region => (
          <MenuItem key={region.id} value={region.id}>
            {region.title ?? region.id}
          </MenuItem>
        ))}
      </Select>
      {error && (
        <FormHelperText>
          Could not load the allowed regions ({error.message}). Reload the page;
          if it persists, tell the platform team.
        </FormHelperText>
      )}
    </FormControl>
  );
}
