/*
 * G12: desktop session lock-down. Once the network is sealed, the screen, the
 * clipboard, file transfer, printing and USB are the exits left. WorkSpaces
 * Personal offers no API switch for them (docs/session-lockdown.md), so they
 * are closed inside a hardened bundle the platform team owns and lists in
 * `dataEnclave.workspaces.approvedBundles` (each entry must block clipboard
 * both ways, file transfer, printing and USB; the config schema refuses
 * anything less). This rule checks that the stack's desktops use such a
 * bundle and puts its lock-down in the report.
 *
 * Where the bundle comes from: the stack tags its `aws_workspaces_directory`
 * with `enclave:desktop-bundle` (the same spec field the SDK step creates the
 * desktops from), so the check runs on the synthesized stack and on the plan.
 *
 * Unknown and reference values: the tag must be a literal non-empty string; a
 * computed or absent tag is a finding (the bundle cannot be judged).
 * Not configured (no approved bundles): a finding, tolerated and labelled in
 * plan mode so the embedded default keeps planning; a failure in apply mode.
 */
import {
  DESKTOP_BUNDLE_TAG,
  describeLockdown,
  findApprovedBundle,
  unapprovedBundleMessage,
} from '@data-enclave/plugin-enclave-common';
import { describeState } from '../describe';
import type { GuardrailRule, RuleFinding, RuleOutcome } from '../types';

const RECIPE = 'docs/session-lockdown.md';

export const g12SessionLockdown: GuardrailRule = {
  id: 'G12',
  title: 'Desktop session lock-down',
  rationale:
    'Clipboard (both directions), file transfer, printing and USB redirection are the exits left once the network is sealed; desktops must use a platform-hardened bundle listed in dataEnclave.workspaces.approvedBundles.',
  check(ctx): RuleOutcome {
    const findings: RuleFinding[] = [];
    const allowedFindings: NonNullable<RuleOutcome['allowedFindings']> = [];
    const facts: string[] = [];
    const directories = ctx.doc.ofType('aws_workspaces_directory');
    for (const directory of directories) {
      const state = ctx.doc.attribute(directory, `tags.${DESKTOP_BUNDLE_TAG}`);
      if (
        state.kind !== 'literal' ||
        typeof state.value !== 'string' ||
        state.value.trim() === ''
      ) {
        findings.push({
          address: directory.address,
          problem: `tag ${DESKTOP_BUNDLE_TAG} is ${describeState(
            state,
          )}; the desktops' bundle must be declared as a literal name`,
          fix: `tag the directory with ${DESKTOP_BUNDLE_TAG} = the bundle name from spec.workspaces.bundleName (EnclaveWorkspacesDirectory does this)`,
        });
        continue;
      }
      const bundleName = state.value;
      if (ctx.approvedBundles.length === 0) {
        const finding = {
          address: directory.address,
          problem: `session lock-down: not configured. Bundle "${bundleName}" is not checked: dataEnclave.workspaces.approvedBundles is empty, so clipboard, file transfer, printing and USB may be open on these desktops`,
          fix: `build a hardened bundle (${RECIPE}), list it under dataEnclave.workspaces.approvedBundles and choose it in the template`,
        };
        if (ctx.mode === 'apply') findings.push(finding);
        else
          allowedFindings.push({
            ...finding,
            allowedBecause:
              'plan mode only: nothing is applied; apply mode refuses',
          });
        facts.push(`bundle "${bundleName}": lock-down not configured`);
        continue;
      }
      const approved = findApprovedBundle(ctx.approvedBundles, bundleName);
      if (!approved) {
        findings.push({
          address: directory.address,
          problem: unapprovedBundleMessage(bundleName, ctx.approvedBundles),
          fix: `set workspaces.bundleName to an approved bundle, or harden "${bundleName}" (${RECIPE}) and add it to dataEnclave.workspaces.approvedBundles`,
        });
        continue;
      }
      facts.push(
        `bundle "${approved.name}" (${approved.platform}, owner ${
          approved.owner
        }): ${describeLockdown(approved.lockDown)}`,
      );
    }
    return { findings, relaxations: [], allowedFindings, facts };
  },
};
