/*
 * The ports on the EMR primary node that a person at a desktop uses, per
 * application the spec can enable (`emr.applications`). One fact, used by the
 * stack (stack/desktopAccess.ts opens exactly these from the WorkSpaces group)
 * and by the function check F1 (which proves they are open, and no more).
 *
 * Source: "Amazon EMR service ports", Amazon EMR Management Guide
 * (https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-service-ports.html):
 *  - Livy: Livy server, `livy.server.port`, 8998;
 *  - JupyterEnterpriseGateway: Jupyter Enterprise Gateway,
 *    `c.EnterpriseGatewayApp.port`, 9547;
 *  - Spark: Spark history server UI, `spark.history.ui.port`, 18080;
 *  - Hadoop: YARN ResourceManager web UI, `yarn.resourcemanager.webapp.address`,
 *    8088 (where a user follows a running application's progress).
 * Cluster-internal ports (HDFS RPC, NodeManager, shuffle…) are deliberately
 * absent: a desktop never needs them, so they stay closed to it.
 */

export interface EmrApplicationPort {
  /** EMR application name as in `emr.applications` / `aws_emr_cluster.applications`. */
  application: string;
  /** The component listening on the primary node. */
  service: string;
  protocol: 'tcp';
  port: number;
  /** The application's configuration key for the port (from the EMR page). */
  configurationKey: string;
}

export const EMR_APPLICATION_PORTS: readonly EmrApplicationPort[] = [
  {
    application: 'Spark',
    service: 'Spark history server',
    protocol: 'tcp',
    port: 18080,
    configurationKey: 'spark.history.ui.port',
  },
  {
    application: 'Hadoop',
    service: 'YARN ResourceManager web UI',
    protocol: 'tcp',
    port: 8088,
    configurationKey: 'yarn.resourcemanager.webapp.address',
  },
  {
    application: 'Livy',
    service: 'Livy server',
    protocol: 'tcp',
    port: 8998,
    configurationKey: 'livy.server.port',
  },
  {
    application: 'JupyterEnterpriseGateway',
    service: 'Jupyter Enterprise Gateway',
    protocol: 'tcp',
    port: 9547,
    configurationKey: 'c.EnterpriseGatewayApp.port',
  },
];

/**
 * The desktop-facing ports of the given applications, in EMR_APPLICATION_PORTS
 * order. EMR application names are case-insensitive in the API; an application
 * without a desktop-facing port contributes none.
 */
export function emrApplicationPortsFor(
  applications: readonly string[],
): EmrApplicationPort[] {
  const enabled = new Set(applications.map(a => a.toLowerCase()));
  return EMR_APPLICATION_PORTS.filter(p =>
    enabled.has(p.application.toLowerCase()),
  );
}
