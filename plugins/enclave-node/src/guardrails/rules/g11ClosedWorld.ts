/*
 * G11: closed world. Rules G1-G10 look for known-bad shapes; a resource type
 * none of them knows would pass unseen. So only the types in
 * allowedResourceTypes.ts (plus `dataEnclave.guardrails.allowedExtraResourceTypes`,
 * each a relaxation in the report) may appear, and the dangerous shapes of
 * types that can be allowed are judged wherever they occur (sharingModel.ts):
 * a public or cross-account policy on any bucket, replication out of the
 * stack, RAM shares.
 *
 * Data sources create nothing and are not judged here (the stack has none by
 * design; the synthesis summary counts them).
 */
import {
  bucketPolicyFindings,
  replicationFindings,
  resourceSharingFindings,
} from '../sharingModel';
import type { GuardrailRule, RuleFinding } from '../types';
import { ALLOWED_RESOURCE_TYPES } from './allowedResourceTypes';

export const g11ClosedWorld: GuardrailRule = {
  id: 'G11',
  title: 'Only vetted resource types, and nothing shared out',
  rationale:
    'The other rules can only refuse shapes they know, so a stack may contain only vetted resource types; and no bucket policy, replication or resource share may hand data to anyone outside the environment account.',
  check(ctx) {
    const extra = ctx.config.allowedExtraResourceTypes ?? [];
    const allowed = new Set([...ALLOWED_RESOURCE_TYPES, ...extra]);
    const findings: RuleFinding[] = [];
    for (const resource of ctx.doc.managedResources) {
      if (allowed.has(resource.type)) continue;
      findings.push({
        address: resource.address,
        problem: `resource type ${resource.type} is not on the enclave's allow-list`,
        fix: `remove it, or, after a security review, add "${resource.type}" to dataEnclave.guardrails.allowedExtraResourceTypes (shown as a relaxation in every report)`,
      });
    }
    findings.push(
      ...bucketPolicyFindings(ctx),
      ...replicationFindings(ctx),
      ...resourceSharingFindings(ctx),
    );
    return {
      findings,
      relaxations: extra
        .filter(type => !ALLOWED_RESOURCE_TYPES.includes(type))
        .map(
          type =>
            `resource type ${type} is allowed by dataEnclave.guardrails.allowedExtraResourceTypes`,
        ),
    };
  },
};
