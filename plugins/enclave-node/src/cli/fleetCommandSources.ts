/*
 * Where `enclave fleet plan` finds the fleet: a directory of environment
 * specs (a platform pipeline's checkout), or the enclave backend's HTTP API.
 * Both become an InMemoryFleetRegistry: the CLI claims environments only
 * against itself (two specs never plan into the same state at once), and the
 * audit trail goes next to each spec's state (--specs) or into the JSON
 * result (--registry: the backend's operation routes are for its own
 * service principals, so a pipeline's plan is read-only there).
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  EnclaveClient,
  EnvironmentRecord,
  EnvironmentSpecError,
  parseEnvironmentSpec,
} from '@data-enclave/plugin-enclave-common';
import { InMemoryFleetRegistry } from '../fleet/inMemoryFleetRegistry';
import { CliUsageError } from './cliErrors';

const SPEC_EXTENSIONS = ['.json', '.yaml', '.yml'];

export interface FleetSource {
  registry: InMemoryFleetRegistry;
  /** Where each environment's stack and local state live. */
  workDir: (environment: EnvironmentRecord) => string;
}

/**
 * `--specs <dir>`: every `<dir>/<env>.json|yaml` is an environment; its stack
 * and local state live in `<dir>/<env>/` (an environment with a
 * terraform.tfstate there counts as applied, otherwise as planned), and its
 * fleet operations are appended to `<dir>/<env>/fleet-operations.jsonl`.
 */
export function specDirectorySource(
  dir: string,
  options: { allowAnyClientCidr: boolean },
): FleetSource {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    throw new CliUsageError(
      `cannot read --specs ${dir}: ${
        (error as NodeJS.ErrnoException).code ?? error
      }`,
    );
  }
  const files = entries
    .filter(f => SPEC_EXTENSIONS.includes(extname(f)))
    .sort();
  if (!files.length) {
    throw new CliUsageError(
      `--specs ${dir} holds no environment specs (*.json, *.yaml); put one spec per environment there`,
    );
  }
  const stateDirs = new Map<string, string>();
  const now = new Date().toISOString();
  const records = files.map(file => {
    const path = join(dir, file);
    const raw = readSpecFile(path);
    let spec;
    try {
      spec = parseEnvironmentSpec(raw, options);
    } catch (error) {
      if (error instanceof EnvironmentSpecError) {
        throw new CliUsageError(`${path}: ${error.message}`);
      }
      throw error;
    }
    const id = basename(file, extname(file));
    const stateDir = join(dir, id);
    stateDirs.set(id, stateDir);
    const applied = existsSync(
      join(stateDir, 'stacks', spec.name, 'terraform.tfstate'),
    );
    const record: EnvironmentRecord = {
      id,
      name: spec.name,
      team: spec.team,
      region: spec.region,
      accountId: spec.accountId,
      state: applied ? 'ready' : 'planned',
      stackVersion: spec.stackVersion,
      spec: raw as Record<string, unknown>,
      outputs: {},
      members: [],
      createdAt: now,
      updatedAt: now,
    };
    return record;
  });
  const registry = new InMemoryFleetRegistry(records, operation => {
    const stateDir = stateDirs.get(operation.environmentId)!;
    mkdirSync(stateDir, { recursive: true });
    appendFileSync(
      join(stateDir, 'fleet-operations.jsonl'),
      `${JSON.stringify(operation)}\n`,
    );
  });
  return { registry, workDir: e => stateDirs.get(e.id)! };
}

function readSpecFile(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return extname(path) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new CliUsageError(
      `${path} is not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * `--registry <url>`: the environments the token may read, from the enclave
 * backend (`<url>` is its base, e.g. http://localhost:7007/api/enclave).
 */
export async function registrySource(
  url: string,
  token: string,
  workRoot: string,
): Promise<FleetSource> {
  const records = await registryClient(url, token).listEnvironments();
  return {
    registry: new InMemoryFleetRegistry(records),
    workDir: e => join(workRoot, e.id),
  };
}

/** The enclave backend at `--registry <url>`, called with the token. */
export function registryClient(url: string, token: string): EnclaveClient {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new CliUsageError(
      `--registry ${url} is not a URL; pass the enclave backend's base, e.g. http://localhost:7007/api/enclave`,
    );
  }
  return new EnclaveClient({
    discoveryApi: {
      getBaseUrl: async () => base.toString().replace(/\/$/, ''),
    },
    fetchApi: {
      fetch: (input, init) => {
        const headers = new Headers(init?.headers);
        headers.set('Authorization', `Bearer ${token}`);
        return fetch(input, { ...init, headers });
      },
    },
  });
}
