/*
 * Region-parameterised names of AWS-owned things (bucket names, ARNs). A fact
 * is written once as a template with `{region}`; the stack fills the region in
 * and the guardrails match any region with the pattern built from the same
 * template, so the two can never drift apart.
 */

/** Commercial, GovCloud and ISO region names, e.g. `eu-west-1`, `us-gov-west-1`. */
export const REGION_PATTERN = String.raw`[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d`;

/** `template` with every `{region}` replaced by `region`. */
export function fillRegion(template: string, region: string): string {
  return template.split('{region}').join(region);
}

/** An anchored pattern matching `template` for any region (everything else literal). */
export function regionTemplatePattern(template: string): RegExp {
  const literal = template
    .split('{region}')
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join(REGION_PATTERN)}$`);
}
