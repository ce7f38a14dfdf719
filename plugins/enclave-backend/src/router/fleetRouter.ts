import {
  startFleetPlanRequestSchema,
  startFleetRolloutRequestSchema,
} from '@data-enclave/plugin-enclave-common';
import express from 'express';
import Router from 'express-promise-router';
import type { FleetRunService } from '../fleet/FleetRunService';
import type { FleetStatusService } from '../fleet/FleetStatusService';
import type { FleetAuthorizer } from '../permissions/FleetAuthorizer';
import { parseInput } from './parseInput';

export interface FleetRouterOptions {
  authorizer: FleetAuthorizer;
  status: FleetStatusService;
  runs: FleetRunService;
}

/**
 * The fleet routes (admins only, see FleetAuthorizer). Every route
 * authorizes first, so a refused caller learns nothing about the fleet, then
 * validates, then calls a service. Runs are queued (202) and executed by the
 * fleet worker.
 */
export function createFleetRouter(options: FleetRouterOptions): express.Router {
  const { authorizer, status, runs } = options;
  const router = Router();

  router.get('/fleet', async (req, res) => {
    await authorizer.authorize(req);
    res.json(await status.getStatus());
  });

  router.post('/fleet/plans', async (req, res) => {
    const admin = await authorizer.authorize(req);
    const body = parseInput(
      startFleetPlanRequestSchema,
      req.body ?? {},
      'fleet plan request',
    );
    res.status(202).json(await runs.startPlan(body, admin.userRef));
  });

  router.post('/fleet/rollouts', async (req, res) => {
    const admin = await authorizer.authorize(req);
    const body = parseInput(
      startFleetRolloutRequestSchema,
      req.body,
      'fleet rollout request',
    );
    res.status(202).json(await runs.startRollout(body, admin.userRef));
  });

  router.get('/fleet/runs/:runId', async (req, res) => {
    await authorizer.authorize(req);
    res.json(await runs.get(req.params.runId));
  });

  return router;
}
