/*
 * AWS Managed Microsoft AD (Standard) for the environment's WorkSpaces users.
 * Simple AD is not an option: it has no Directory Service Data API, which the
 * user provisioning relies on.
 *
 * The admin password never appears in cdk.tf.json: it is a *sensitive*
 * Terraform variable without a default, supplied at plan/apply time through
 * the environment variable `TF_VAR_<variableName>`. The stack stores it in a
 * Secrets Manager secret encrypted with the environment key, so the
 * provisioning code reads it from there instead of carrying it around.
 */
/* eslint-disable no-new -- constructs attach themselves to their scope; `new` is the API */
import { Construct } from 'constructs';
import { Fn, TerraformVariable } from 'cdktf';
import { DirectoryServiceDirectory } from '@cdktf/provider-aws/lib/directory-service-directory';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import {
  ConstructPropsError,
  requireIntInRange,
  requireList,
  requireNonEmpty,
} from './assertProps';

/** Terraform variable (and `TF_VAR_` suffix) of the directory admin password. */
export const DIRECTORY_PASSWORD_VARIABLE = 'directory_admin_password';

/** The built-in administrator of AWS Managed Microsoft AD. */
export const DIRECTORY_ADMIN_USERNAME = 'Admin';

export interface EnclaveDirectoryProps {
  namePrefix: string;
  /** Fully-qualified directory DNS name, e.g. `analytics.enclave.internal`. */
  domainName: string;
  /** NetBIOS name, ≤ 15 characters. */
  shortName: string;
  vpcId: string;
  /** Exactly two subnets in different AZs (a domain controller in each). */
  subnetIds: string[];
  kmsKeyArn: string;
  /** Terraform variable name for the password. Default `directory_admin_password`. */
  passwordVariableName?: string;
  /**
   * Days Secrets Manager keeps the deleted admin secret (0 = delete at once,
   * else 7–30). Default 0, so an environment's name is free again right
   * after a decommission: a secret scheduled for deletion keeps its name
   * blocked ("InvalidRequestException: ... scheduled for deletion" on
   * CreateSecret, botocore secretsmanager/2017-10-17 service-2.json), and
   * the provider passes 0 as ForceDeleteWithoutRecovery. Nothing is lost by
   * it: the directory (whose password it holds) and the key that encrypts it
   * are destroyed in the same run.
   */
  secretRecoveryWindowInDays?: number;
}

export class EnclaveDirectory extends Construct {
  readonly directory: DirectoryServiceDirectory;
  readonly passwordVariable: TerraformVariable;
  readonly adminSecret: SecretsmanagerSecret;

  constructor(scope: Construct, id: string, props: EnclaveDirectoryProps) {
    super(scope, id);
    const name = 'EnclaveDirectory';
    for (const key of [
      'namePrefix',
      'domainName',
      'shortName',
      'vpcId',
      'kmsKeyArn',
    ] as const) {
      requireNonEmpty(name, key, props[key]);
    }
    requireList(name, 'subnetIds', props.subnetIds, 2);
    if (props.subnetIds.length !== 2) {
      throw new ConstructPropsError(
        name,
        'subnetIds',
        'must have exactly two subnets (Managed AD places one controller in each)',
      );
    }
    if (props.shortName.length > 15) {
      throw new ConstructPropsError(
        name,
        'shortName',
        'must be at most 15 characters (NetBIOS)',
      );
    }
    const recoveryWindow = props.secretRecoveryWindowInDays ?? 0;
    if (recoveryWindow !== 0)
      requireIntInRange(
        name,
        'secretRecoveryWindowInDays',
        recoveryWindow,
        7,
        30,
      );
    const variableName =
      props.passwordVariableName ?? DIRECTORY_PASSWORD_VARIABLE;
    if (!/^[a-z][a-z0-9_]*$/.test(variableName)) {
      throw new ConstructPropsError(
        name,
        'passwordVariableName',
        'must be a lowercase Terraform identifier',
      );
    }

    this.passwordVariable = new TerraformVariable(this, 'admin-password', {
      type: 'string',
      sensitive: true,
      nullable: false,
      description: `Directory '${DIRECTORY_ADMIN_USERNAME}' password; set TF_VAR_${variableName}. Never written to files.`,
    });
    // A stable, documented name: it is the TF_VAR_ contract with the runner.
    this.passwordVariable.overrideLogicalId(variableName);

    this.directory = new DirectoryServiceDirectory(this, 'directory', {
      name: props.domainName,
      shortName: props.shortName,
      password: this.passwordVariable.stringValue,
      type: 'MicrosoftAD',
      edition: 'Standard',
      description: `Data Enclave ${props.namePrefix}`,
      vpcSettings: { vpcId: props.vpcId, subnetIds: props.subnetIds },
      tags: { Name: props.namePrefix },
      // The password forces a new directory in the provider. Re-plans (retries,
      // upgrades, drift checks) must never replace the directory, so after
      // creation the password is managed in the directory, not by Terraform;
      // the runner reuses the stored secret's value when it exists.
      lifecycle: { ignoreChanges: ['password'] },
    });

    this.adminSecret = new SecretsmanagerSecret(this, 'admin-secret', {
      name: directoryAdminSecretName(props.namePrefix),
      description: `Administrator credentials of directory ${props.domainName}`,
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: recoveryWindow,
    });
    new SecretsmanagerSecretVersion(this, 'admin-secret-value', {
      // Keeps the secret the source of truth once written (see the directory).
      lifecycle: { ignoreChanges: ['secret_string'] },
      secretId: this.adminSecret.id,
      secretString: Fn.jsonencode({
        username: DIRECTORY_ADMIN_USERNAME,
        password: this.passwordVariable.stringValue,
        domain: props.domainName,
        directoryId: this.directory.id,
      }),
    });
  }
}

/** Secrets Manager name of the directory admin credentials for a resource prefix. */
export function directoryAdminSecretName(namePrefix: string): string {
  return `${namePrefix}/directory-admin`;
}
