/*
 * A legacy app collects the template's custom fields from the children of
 * <ScaffolderFieldExtensions> (useCustomFieldExtensions, as ScaffolderPage
 * does, in a legacy test app). This test collects ours the same way and compares them with every
 * Enclave* `ui:field` the provision template uses, so a new field cannot be
 * added to the template without its legacy export.
 */
// This test runs in Node (jest) and reads the template from the repository;
// the frontend rule against node built-ins is about browser bundles.
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import path from 'path';
import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import {
  FieldExtensionOptions,
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import { PropsWithChildren } from 'react';
import {
  EnclaveClientCidrFieldExtension,
  EnclaveCostEstimateFieldExtension,
  EnclaveEnvironmentNameFieldExtension,
  EnclaveGuaranteesFieldExtension,
  EnclaveRegionPickerFieldExtension,
} from './index';

const template = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../templates/data-science-environment/template.yaml',
  ),
  'utf8',
);
const templateFields = [
  ...new Set(
    [...template.matchAll(/ui:field:\s*(Enclave\w+)/g)].map(m => m[1]),
  ),
].sort();

let collected: FieldExtensionOptions[] = [];
function Collect({ children }: PropsWithChildren<{}>) {
  collected = useCustomFieldExtensions(children);
  return <span>{collected.length} fields</span>;
}

describe('legacy field extensions (root export)', () => {
  it('cover every Enclave ui:field of the provision template, with a component', async () => {
    await renderInTestApp(
      <Collect>
        <ScaffolderFieldExtensions>
          <EnclaveRegionPickerFieldExtension />
          <EnclaveGuaranteesFieldExtension />
          <EnclaveCostEstimateFieldExtension />
          <EnclaveClientCidrFieldExtension />
          <EnclaveEnvironmentNameFieldExtension />
        </ScaffolderFieldExtensions>
      </Collect>,
    );
    expect(await screen.findByText('5 fields')).toBeInTheDocument();
    expect(templateFields).toEqual([
      'EnclaveClientCidr',
      'EnclaveCostEstimate',
      'EnclaveEnvironmentName',
      'EnclaveGuarantees',
      'EnclaveRegionPicker',
    ]);
    expect(collected.map(f => f.name).sort()).toEqual(templateFields);
    for (const field of collected) {
      expect(typeof field.component).toBe('function');
    }
    // The two fields that block a step carry the same validators as the
    // new-system form fields.
    const validated = collected.filter(f => f.validation).map(f => f.name);
    expect(validated.sort()).toEqual([
      'EnclaveClientCidr',
      'EnclaveEnvironmentName',
    ]);
  });
});
