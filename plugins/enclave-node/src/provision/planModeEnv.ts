/*
 * Plan mode runs the real `terraform plan` with no AWS account behind it. The
 * stack's provider already skips credential validation, account lookup and
 * the metadata service; the AWS provider still insists that *some* static
 * credentials exist, so we hand it obviously fake ones. Real credentials from
 * the host are removed so plan mode can never touch an account by accident.
 */
export const PLAN_MODE_AWS_ENV: Record<string, string | undefined> = {
  AWS_ACCESS_KEY_ID: 'plan-mode-no-credentials',
  AWS_SECRET_ACCESS_KEY: 'plan-mode-no-credentials',
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** One sentence for the task log and the card: why nothing was applied. */
export const PLAN_MODE_REASON =
  'Plan mode: nothing was applied because dataEnclave.mode is "plan" (the default when no AWS account is configured). ' +
  'To provision, set dataEnclave.mode: apply, add the account under dataEnclave.accounts and AWS credentials under aws:, then run the template again.';
