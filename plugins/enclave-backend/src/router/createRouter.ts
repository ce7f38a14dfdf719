import express from 'express';
import Router from 'express-promise-router';
import { DataEnclaveConfig } from '@data-enclave/plugin-enclave-common';

export interface RouterOptions {
  config: DataEnclaveConfig;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', mode: options.config.mode });
  });
  return router;
}
