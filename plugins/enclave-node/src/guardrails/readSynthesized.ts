/*
 * Reads the synthesized `cdk.tf.json` shape: resources under
 * `resource.<type>.<name>`, data sources under `data.<type>.<name>`, providers
 * under `provider.<name>` (an object, or an array when aliases are used).
 * Values are the configuration itself, so references are `${…}` templates.
 */
import type {
  ProviderConfiguration,
  TerraformResource,
} from './terraformDocument';
import { JsonObject, asBlocks, isObject } from './values';

/** Meta-arguments and CDKTF metadata that are not resource attributes. */
const META_KEYS = new Set([
  '//',
  'provider',
  'depends_on',
  'lifecycle',
  'provisioner',
  'connection',
]);

export function readSynthesizedResources(
  json: JsonObject,
): TerraformResource[] {
  return [
    ...readBlocks(json.resource, 'managed'),
    ...readBlocks(json.data, 'data'),
  ];
}

function readBlocks(
  section: unknown,
  mode: 'managed' | 'data',
): TerraformResource[] {
  if (!isObject(section)) return [];
  const resources: TerraformResource[] = [];
  for (const [type, byName] of Object.entries(section)) {
    if (!isObject(byName)) continue;
    for (const [name, raw] of Object.entries(byName)) {
      // Terraform JSON allows `name: [ {...} ]`; CDKTF emits a single object.
      const body = asBlocks(raw)[0];
      if (!body) continue;
      const values = Object.fromEntries(
        Object.entries(body).filter(([key]) => !META_KEYS.has(key)),
      );
      resources.push({
        address: `${mode === 'data' ? 'data.' : ''}${type}.${name}`,
        mode,
        type,
        name,
        module: '',
        provider:
          typeof body.provider === 'string'
            ? stripTemplate(body.provider)
            : type.split('_')[0],
        values,
        computed: [],
      });
    }
  }
  return resources;
}

/** CDKTF writes provider references as `aws.alias`; older output used `${aws.alias}`. */
function stripTemplate(text: string): string {
  const match = /^\$\{(.*)\}$/.exec(text);
  return match ? match[1] : text;
}

export function readSynthesizedProviders(
  json: JsonObject,
): ProviderConfiguration[] {
  if (!isObject(json.provider)) return [];
  const providers: ProviderConfiguration[] = [];
  for (const [name, raw] of Object.entries(json.provider)) {
    for (const block of asBlocks(raw)) {
      const alias = typeof block.alias === 'string' ? block.alias : undefined;
      providers.push({ key: alias ? `${name}.${alias}` : name, values: block });
    }
  }
  return providers;
}
