/*
 * The EMR clusters a document describes, for G6 and the reachability checks:
 * aws_emr_cluster resources as they are, and EMR launch specs (a
 * terraform_data whose input has kind EMR_LAUNCH_SPEC_KIND and the
 * aws_emr_cluster attribute shape, see stack/emrLaunchSpec.ts) as a view
 * whose values are the spec. The view keeps the terraform_data's address, so
 * findings name it and references resolve against it. The SDK launches the
 * on-demand cluster from exactly that spec, so judging the spec is judging
 * the cluster.
 */
import { EMR_LAUNCH_SPEC_KIND } from '../stack/emrLaunchSpec';
import type { TerraformDocument, TerraformResource } from './terraformDocument';
import { isObject } from './values';

export function emrClustersOf(doc: TerraformDocument): TerraformResource[] {
  const specs = doc.ofType('terraform_data').flatMap(data => {
    const input = data.values.input;
    return isObject(input) && input.kind === EMR_LAUNCH_SPEC_KIND
      ? [{ ...data, values: input }]
      : [];
  });
  return [...doc.ofType('aws_emr_cluster'), ...specs];
}
