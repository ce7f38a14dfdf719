/*
 * WorkSpaces streaming protocols, and which bundles may use which.
 *
 * The API values are `PCOIP` and `WSP` (Amazon DCV, formerly WorkSpaces
 * Streaming Protocol): botocore `workspaces/2015-04-08/service-2.json`, shape
 * `Protocol`; `WorkspaceProperties.Protocols` points to "Protocols for Amazon
 * WorkSpaces", Amazon WorkSpaces Administration Guide
 * (https://docs.aws.amazon.com/workspaces/latest/adminguide/amazon-workspaces-protocols.html).
 * The Linux bundles (Ubuntu, Rocky Linux, Red Hat Enterprise Linux) stream with
 * DCV; the one Linux that had PCoIP bundles, Amazon Linux 2, is end of life.
 * So the enclave refuses PCoIP on every Linux bundle, before any AWS call,
 * instead of letting CreateWorkspaces fail per desktop.
 *
 * A bundle is recognised as Linux by its name: AWS's public bundle names carry
 * the operating system ("Standard with Ubuntu 22.04"). A private bundle whose
 * name hides its OS is not caught here; the bundle's image OS is only known
 * after DescribeWorkspaceImages.
 */

export const WORKSPACES_PROTOCOLS = ['WSP', 'PCOIP'] as const;
export type WorkspacesProtocol = (typeof WORKSPACES_PROTOCOLS)[number];

const LINUX_BUNDLE_NAME =
  /\b(?:linux|ubuntu|rocky|red\s*hat|rhel|amazon\s*linux)\b/i;

/** True when the bundle name says it is a Linux bundle. */
export function isLinuxBundleName(bundleName: string): boolean {
  return LINUX_BUNDLE_NAME.test(bundleName);
}

/**
 * Why `protocol` cannot be used with `bundleName`, phrased for the requester,
 * or undefined when the pair is fine.
 */
export function protocolProblem(
  protocol: string,
  bundleName: string,
): string | undefined {
  if (protocol !== 'PCOIP' || !isLinuxBundleName(bundleName)) return undefined;
  return `PCOIP is not available for the Linux bundle "${bundleName}"; Linux WorkSpaces stream with Amazon DCV, so set workspaces.protocol to "WSP" (the default) or choose a Windows bundle`;
}
