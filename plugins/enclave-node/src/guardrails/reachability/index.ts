/*
 * Function checks: the enclave must work, not only be sealed. They have the
 * shape of guardrail rules and run with them (GUARDRAIL_RULES), at synth and
 * on the plan, and a failing one fails synth and the plan gate.
 */
import type { GuardrailRule } from '../types';
import { f1DesktopToEmr } from './f1DesktopToEmr';
import { f2DesktopToDirectory } from './f2DesktopToDirectory';
import { f3EmrToEndpoints } from './f3EmrToEndpoints';

export const FUNCTION_CHECKS: readonly GuardrailRule[] = [
  f1DesktopToEmr,
  f2DesktopToDirectory,
  f3EmrToEndpoints,
];
