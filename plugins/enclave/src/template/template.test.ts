/*
 * The template is YAML and cannot import the spec's constants, so this test
 * keeps the two in step: the name rule, the compute types, the EMR choices
 * (each must have a price) and the defaults.
 */
// This test runs in Node (jest) and reads the template from the repository;
// the frontend rule against node built-ins is about browser bundles.
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import path from 'path';
import { parse } from 'yaml';
import {
  ENVIRONMENT_NAME_PATTERN,
  PRICE_TABLE,
  WORKSPACES_COMPUTE_TYPES,
  environmentSpecSchema,
} from '@data-enclave/plugin-enclave-common';
import { DAY2_TEMPLATES } from '../components/EnclaveCard/day2Templates';

const templatePath = path.resolve(
  __dirname,
  '../../../../templates/data-science-environment/template.yaml',
);
const template = parse(fs.readFileSync(templatePath, 'utf8'));
const properties: Record<string, any> = Object.assign(
  {},
  ...template.spec.parameters.map((step: any) => step.properties),
);
const defaults = environmentSpecSchema.parse({
  name: 'churn-study',
  team: 'group:default/data-science',
  region: 'eu-west-1',
  accountId: '123456789012',
  clientCidrs: ['203.0.113.0/24'],
});

describe('data-science-environment template', () => {
  it('has the three steps and the provision action', () => {
    expect(template.metadata.title).toBe('Secure data science environment');
    expect(template.spec.parameters.map((p: any) => p.title)).toEqual([
      'Environment',
      'People',
      'Compute',
    ]);
    expect(template.spec.steps.map((s: any) => s.action)).toEqual([
      'enclave:environment:provision',
    ]);
  });

  it('uses the spec name rule', () => {
    expect(properties.name.pattern).toBe(ENVIRONMENT_NAME_PATTERN.source);
  });

  it('does not hard-code regions: they come from config via the region picker', () => {
    expect(properties.region.enum).toBeUndefined();
    expect(properties.region['ui:field']).toBe('EnclaveRegionPicker');
  });

  it("offers only the signed-in person's own groups as owner (the action refuses others)", () => {
    expect(properties.owner['ui:field']).toBe('MyGroupsPicker');
    expect(properties.owner['ui:options']).toBeUndefined();
  });

  it('offers exactly the WorkSpaces compute types of the spec', () => {
    expect(properties.workspacesComputeType.enum).toEqual([
      ...WORKSPACES_COMPUTE_TYPES,
    ]);
  });

  it('offers only EMR instance types the cost estimate can price', () => {
    for (const type of properties.emrInstanceType.enum) {
      expect(PRICE_TABLE.emrNodeHourly[type]).toBeGreaterThan(0);
    }
  });

  it('has the same defaults as the spec', () => {
    expect(properties.emrInstanceType.default).toBe(defaults.emr.instanceType);
    expect(properties.emrCoreNodeCount.default).toBe(
      defaults.emr.coreNodeCount,
    );
    expect(properties.workspacesBundleName.default).toBe(
      defaults.workspaces.bundleName,
    );
    expect(properties.workspacesComputeType.default).toBe(
      defaults.workspaces.computeType,
    );
    expect(properties.workspacesAutoStopMinutes.default).toBe(
      defaults.workspaces.runningModeAutoStopTimeoutInMinutes,
    );
  });

  it("checks client CIDRs and the name with the action's own functions", () => {
    // No regex copy of the rule: the EnclaveClientCidr field calls
    // clientCidrProblem, the function the spec schema calls.
    expect(properties.clientCidrs.items['ui:field']).toBe('EnclaveClientCidr');
    expect(properties.clientCidrs.items.pattern).toBeUndefined();
    expect(properties.name['ui:field']).toBe('EnclaveEnvironmentName');
  });
});

describe('day-2 templates the card opens', () => {
  const templatesDir = path.resolve(__dirname, '../../../../templates');
  const shipped = fs
    .readdirSync(templatesDir)
    .map(dir => path.join(templatesDir, dir, 'template.yaml'))
    .filter(file => fs.existsSync(file))
    .map(file => parse(fs.readFileSync(file, 'utf8')));

  it.each(Object.values(DAY2_TEMPLATES))(
    '%s is shipped and takes the environment the card pre-fills',
    name => {
      const found = shipped.find(t => t.metadata.name === name);
      expect(found).toBeDefined();
      const fields = Object.assign(
        {},
        ...found.spec.parameters.map((step: any) => step.properties),
      );
      expect(fields.environment['ui:field']).toBe('EntityPicker');
    },
  );

  it('the people template has no minItems on its picker (rjsf would pre-fill an entry the picker cannot render)', () => {
    const users = shipped.find(t => t.metadata.name === DAY2_TEMPLATES.users);
    const fields = Object.assign(
      {},
      ...users.spec.parameters.map((step: any) => step.properties),
    );
    expect(fields.users['ui:field']).toBe('MultiEntityPicker');
    expect(fields.users.minItems).toBeUndefined();
    expect(fields.operation.enum).toEqual(['add', 'remove']);
  });
});
