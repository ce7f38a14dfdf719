import { ConflictError } from '@backstage/errors';
import {
  DataEnclaveConfig,
  EnvironmentRecord,
  isBusyState,
  StartSparkResponse,
} from '@data-enclave/plugin-enclave-common';
import {
  EnclaveLogger,
  parseEmrLaunchSpec,
  startSparkCluster,
} from '@data-enclave/plugin-enclave-node';
import { AwsClientsFactory } from './awsClients';

/**
 * "Start Spark" from the card: the on-demand EMR cluster (enclave-node
 * aws/sparkCluster.ts) launched from the launch spec the stack recorded.
 * Refusals are ConflictErrors (409) that say what to do next; nothing calls
 * AWS before they are all passed.
 */
export class SparkService {
  constructor(
    private readonly options: {
      config: DataEnclaveConfig;
      awsClients: AwsClientsFactory;
      logger: EnclaveLogger;
    },
  ) {}

  async start(environment: EnvironmentRecord): Promise<StartSparkResponse> {
    if (this.options.config.mode !== 'apply') {
      throw new ConflictError(
        `plan mode: nothing to start. Environment ${environment.name} was only planned (dataEnclave.mode is "plan", so there are no AWS credentials or resources); set dataEnclave.mode: apply and provision it to start Spark`,
      );
    }
    if (isBusyState(environment.state)) {
      throw new ConflictError(
        `environment ${environment.name} is ${environment.state}; start Spark once that operation has finished`,
      );
    }
    if (environment.state !== 'ready') {
      throw new ConflictError(
        `environment ${environment.name} is ${environment.state}, not ready; Spark starts only on a ready environment`,
      );
    }
    let spec;
    try {
      spec = parseEmrLaunchSpec(environment.outputs.emrLaunchSpec);
    } catch (error) {
      throw new ConflictError((error as Error).message);
    }
    const clients = await this.options.awsClients(environment);
    return startSparkCluster({
      client: clients.emr,
      spec,
      logger: this.options.logger,
    });
  }
}
