/*
 * A stack's local state holding one resource (terraform_data.retired) the
 * stack does not declare, so the real `terraform plan` of any version
 * destroys it: a destructive upgrade, without AWS. Used by the fleet's
 * engine tests here and the backend's fleet integration test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The address the plan destroys. */
export const RETIRED_RESOURCE_ADDRESS = 'terraform_data.retired';

/** Writes the state into `stackDir` (the directory holding cdk.tf.json). */
export function seedRetiredResourceState(stackDir: string): void {
  mkdirSync(stackDir, { recursive: true });
  writeFileSync(
    join(stackDir, 'terraform.tfstate'),
    JSON.stringify({
      version: 4,
      terraform_version: '1.11.4',
      serial: 1,
      lineage: '6f1c1c52-0f5e-4d7e-9d55-2a0b8f6c1e01',
      outputs: {},
      resources: [
        {
          mode: 'managed',
          type: 'terraform_data',
          name: 'retired',
          provider: 'provider["terraform.io/builtin/terraform"]',
          instances: [
            {
              schema_version: 0,
              attributes: {
                id: '0c5b2f7e-3a55-4c2e-8d0a-4d1f6f7b9a10',
                input: null,
                output: null,
                triggers_replace: null,
              },
              sensitive_attributes: [],
            },
          ],
        },
      ],
      check_results: null,
    }),
  );
}
