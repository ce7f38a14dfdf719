import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  createEnvironmentRequestSchema,
  DataEnclaveConfig,
  enclaveEnvironmentManagePermission,
  enclaveEnvironmentReadPermission,
  finishOperationRequestSchema,
  heartbeatRequestSchema,
  startOperationRequestSchema,
  updateEnvironmentRequestSchema,
} from '@data-enclave/plugin-enclave-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EnvironmentAuthorizer } from '../permissions/EnvironmentAuthorizer';
import { CredentialService } from '../service/CredentialService';
import { EnvironmentRegistry } from '../service/EnvironmentRegistry';
import { SparkService } from '../service/SparkService';
import { StatusService } from '../service/StatusService';
import { createFleetRouter, FleetRouterOptions } from './fleetRouter';
import { parseInput } from './parseInput';

export interface RouterOptions {
  config: DataEnclaveConfig;
  httpAuth: HttpAuthService;
  registry: EnvironmentRegistry;
  authorizer: EnvironmentAuthorizer;
  status: StatusService;
  credentials: CredentialService;
  spark: SparkService;
  /** The admins' fleet routes (fleetRouter.ts). */
  fleet: FleetRouterOptions;
}

const listQuerySchema = z.object({
  owner: z.string().min(1).optional(),
  includeDestroyed: z
    .enum(['true', 'false'])
    .optional()
    .transform(v => v === 'true'),
});

/**
 * Thin HTTP layer: validate → authenticate/authorize → call a service. Errors
 * from @backstage/errors become status codes in Backstage's error middleware.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, registry, authorizer, status, credentials, spark } =
    options;
  const router = Router();
  router.use(express.json({ limit: '2mb' }));

  const anyPrincipal = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', mode: options.config.mode });
  });

  router.use(createFleetRouter(options.fleet));

  router.get('/environments', async (req, res) => {
    const query = parseInput(listQuerySchema, req.query, 'query');
    const caller = await anyPrincipal(req);
    const environments = await registry.list({
      team: query.owner,
      includeDestroyed: query.includeDestroyed,
    });
    const items = await authorizer.filter(
      caller,
      enclaveEnvironmentReadPermission,
      environments,
    );
    res.json({ items });
  });

  /** The environment named by `:id`, if the caller may read it (else 403/404). */
  async function readableEnvironment(req: express.Request<{ id: string }>) {
    const caller = await anyPrincipal(req);
    const environment = await registry.get(req.params.id);
    await authorizer.authorize(
      caller,
      enclaveEnvironmentReadPermission,
      environment,
    );
    return environment;
  }

  router.get('/environments/by-name/:team/:name', async (req, res) => {
    const caller = await anyPrincipal(req);
    const environment = await registry.findByName(
      req.params.team,
      req.params.name,
    );
    if (!environment) {
      throw new NotFoundError(
        `no active environment ${req.params.name} in team ${req.params.team}`,
      );
    }
    await authorizer.authorize(
      caller,
      enclaveEnvironmentReadPermission,
      environment,
    );
    res.json(environment);
  });

  router.get('/environments/:id', async (req, res) => {
    const environment = await readableEnvironment(req);
    res.json(environment);
  });

  router.post('/environments', async (req, res) => {
    await requireService(await anyPrincipal(req), 'POST /environments');
    const body = parseInput(
      createEnvironmentRequestSchema,
      req.body,
      'environment',
    );
    res.status(201).json(await registry.create(body));
  });

  router.patch('/environments/:id/state', async (req, res) => {
    await requireService(
      await anyPrincipal(req),
      'PATCH /environments/:id/state',
    );
    const body = parseInput(
      updateEnvironmentRequestSchema,
      req.body,
      'environment change',
    );
    res.json(await registry.update(req.params.id, body));
  });

  router.post('/environments/:id/operations', async (req, res) => {
    await requireService(
      await anyPrincipal(req),
      'POST /environments/:id/operations',
    );
    const body = parseInput(
      startOperationRequestSchema,
      req.body,
      'operation start',
    );
    res.json(await registry.startOperation(req.params.id, body));
  });

  router.post(
    '/environments/:id/operations/current/heartbeat',
    async (req, res) => {
      await requireService(
        await anyPrincipal(req),
        'POST /environments/:id/operations/current/heartbeat',
      );
      const body = parseInput(heartbeatRequestSchema, req.body, 'heartbeat');
      await registry.heartbeat(req.params.id, body.taskId);
      res.status(204).end();
    },
  );

  router.post(
    '/environments/:id/operations/current/finish',
    async (req, res) => {
      await requireService(
        await anyPrincipal(req),
        'POST /environments/:id/operations/current/finish',
      );
      const body = parseInput(
        finishOperationRequestSchema,
        req.body,
        'operation finish',
      );
      res.json(await registry.finishOperation(req.params.id, body));
    },
  );

  router.get('/environments/:id/operations', async (req, res) => {
    const environment = await readableEnvironment(req);
    res.json({ items: await registry.listOperations(environment.id) });
  });

  router.get('/environments/:id/status', async (req, res) => {
    const environment = await readableEnvironment(req);
    res.json(await status.getStatus(environment));
  });

  // Start Spark from the card: whoever may manage the environment.
  router.post('/environments/:id/spark/start', async (req, res) => {
    const caller = await anyPrincipal(req);
    const environment = await registry.get(req.params.id);
    await authorizer.authorize(
      caller,
      enclaveEnvironmentManagePermission,
      environment,
    );
    const result = await spark.start(environment);
    res.status(result.started ? 202 : 200).json(result);
  });

  router.post(
    '/environments/:id/users/:user/initial-credential',
    async (req, res) => {
      const caller = await anyPrincipal(req);
      if (caller.principal.type !== 'user') {
        throw new NotAllowedError(
          'an initial credential is revealed only to its user, signed in to Backstage; service calls are refused',
        );
      }
      const userRef = (caller as BackstageCredentials<BackstageUserPrincipal>)
        .principal.userEntityRef;
      // Never cached by browsers or proxies: the body carries a password.
      res.set('Cache-Control', 'no-store');
      res.json(
        await credentials.reveal(req.params.id, req.params.user, userRef),
      );
    },
  );

  return router;
}

async function requireService(
  caller: BackstageCredentials<
    BackstageUserPrincipal | BackstageServicePrincipal
  >,
  route: string,
): Promise<void> {
  if (caller.principal.type !== 'service') {
    throw new NotAllowedError(
      `${route} is for Data Enclave scaffolder actions (service-to-service auth); use the template to change environments`,
    );
  }
}
