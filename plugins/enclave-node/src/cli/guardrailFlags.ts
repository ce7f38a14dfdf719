/*
 * The `dataEnclave.guardrails` relaxations as CLI flags, shared by `synth`
 * and `check`: parsed with the same zod schema as app-config, so a bad value
 * is a usage error (exit 2) that names the flag and the config key.
 */
import { Command } from 'commander';
import {
  GuardrailsConfig,
  guardrailsConfigSchema,
} from '@data-enclave/plugin-enclave-common';
import { CliUsageError } from './cliErrors';

export interface GuardrailFlags {
  allowAnyClientCidr?: boolean;
  allowDomain?: string[];
  allowResourceType?: string[];
  organizationId?: string;
}

const FLAG_OF_KEY: Record<string, string> = {
  allowAnyClientCidr: '--allow-any-client-cidr',
  allowedExtraDomains: '--allow-domain',
  allowedExtraResourceTypes: '--allow-resource-type',
  organizationId: '--organization-id',
};

/** Adds the relaxation flags to a command. */
export function addGuardrailFlags(command: Command): Command {
  return command
    .option(
      '--allow-any-client-cidr',
      'allow 0.0.0.0/0 among WorkSpaces client CIDRs (dataEnclave.guardrails.allowAnyClientCidr)',
    )
    .option(
      '--allow-domain <domain...>',
      'extra domain the DNS firewall may allow (dataEnclave.guardrails.allowedExtraDomains)',
    )
    .option(
      '--allow-resource-type <type...>',
      'resource type allowed beyond the closed-world list, G11 (dataEnclave.guardrails.allowedExtraResourceTypes)',
    )
    .option(
      '--organization-id <id>',
      'endpoint resource perimeter is this AWS Organization instead of the account, G3 (dataEnclave.guardrails.organizationId)',
    );
}

/** The guardrails config the flags describe. */
export function guardrailConfigFromFlags(
  flags: GuardrailFlags,
): GuardrailsConfig {
  const parsed = guardrailsConfigSchema.safeParse({
    allowAnyClientCidr: flags.allowAnyClientCidr ?? false,
    allowedExtraDomains: flags.allowDomain ?? [],
    allowedExtraResourceTypes: flags.allowResourceType ?? [],
    organizationId: flags.organizationId,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue.path[0]);
  throw new CliUsageError(
    `${FLAG_OF_KEY[key] ?? key} (dataEnclave.guardrails.${key}): ${
      issue.message
    }`,
  );
}
