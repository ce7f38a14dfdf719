/*
 * The one entry point that accepts either shape and decides which it is.
 */
import { TerraformDocumentError } from './documentErrors';
import { readPlanProviders, readPlanResources } from './readPlan';
import {
  readSynthesizedProviders,
  readSynthesizedResources,
} from './readSynthesized';
import { TerraformDocument } from './terraformDocument';
import { isObject } from './values';

const EXPECTED =
  'expected a synthesized cdk.tf.json (with a "resource" section) or the output of `terraform show -json <planfile>` (with "planned_values")';

/** True for `terraform show -json` of a plan. */
function isPlanJson(json: Record<string, unknown>): boolean {
  return (
    'planned_values' in json ||
    ('resource_changes' in json && 'format_version' in json)
  );
}

function isSynthesizedJson(json: Record<string, unknown>): boolean {
  return isObject(json.resource) || isObject(json.data);
}

/**
 * Normalizes parsed JSON into a TerraformDocument.
 * @throws TerraformDocumentError when it is not Terraform JSON or holds no resources.
 */
export function loadTerraformDocument(json: unknown): TerraformDocument {
  if (!isObject(json)) {
    throw new TerraformDocumentError(
      'not-terraform',
      `not Terraform JSON: the top level is ${describe(json)}; ${EXPECTED}`,
    );
  }
  let doc: TerraformDocument;
  if (isPlanJson(json)) {
    doc = new TerraformDocument(
      'plan',
      readPlanResources(json),
      readPlanProviders(json),
    );
  } else if (isSynthesizedJson(json)) {
    doc = new TerraformDocument(
      'synth',
      readSynthesizedResources(json),
      readSynthesizedProviders(json),
    );
  } else {
    const keys = Object.keys(json).slice(0, 5);
    throw new TerraformDocumentError(
      'not-terraform',
      `not Terraform JSON: found ${
        keys.length
          ? `keys ${keys.map(k => `"${k}"`).join(', ')}`
          : 'an empty object'
      }; ${EXPECTED}`,
    );
  }
  if (doc.managedResources.length === 0) {
    throw new TerraformDocumentError(
      'empty',
      `the ${
        doc.source === 'plan' ? 'plan' : 'synthesized stack'
      } contains no resources, so there is nothing to check; synthesize the environment (or run terraform plan) first`,
    );
  }
  return doc;
}

/**
 * Parses file text into a TerraformDocument.
 * @throws TerraformDocumentError for empty text, invalid JSON, or non-Terraform JSON.
 */
export function parseTerraformDocument(text: string): TerraformDocument {
  if (text.trim() === '') {
    throw new TerraformDocumentError('empty', `the file is empty; ${EXPECTED}`);
  }
  if (text.includes('\u0000')) {
    throw new TerraformDocumentError(
      'not-terraform',
      `the file is binary, not JSON (a planfile must first be converted with \`terraform show -json <planfile>\`); ${EXPECTED}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TerraformDocumentError(
      'not-terraform',
      `invalid JSON (${reason}); ${EXPECTED}`,
    );
  }
  return loadTerraformDocument(json);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
