import { randomUUID } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  RetryErrorInfo,
  RetryErrorType,
  RetryStrategyV2,
  RetryToken,
} from '@aws-sdk/types';
import {
  AdaptiveRetryStrategy,
  StandardRetryStrategy,
  isServerError,
  isThrottlingError,
  isTransientError,
} from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { abortableSleep, throwIfAborted } from './timing';

/**
 * A small typed client for the AWS Directory Service Data API (2023-05-31).
 *
 * WHY THIS EXISTS: the generated `@aws-sdk/client-directory-service-data` is not
 * available in the npm registry this project builds from, so we speak the
 * service's REST-JSON protocol directly on the same smithy primitives the SDK
 * uses: SigV4 (`@smithy/signature-v4`, signing name `ds-data`), NodeHttpHandler,
 * and the SDK's standard/adaptive retry strategies from `@smithy/core/retry`.
 *
 * SWAPPING IT OUT: {@link DirectoryDataApi} mirrors the method-style aggregated
 * client of the generated package (`DirectoryServiceData`), with the same
 * input/output member names and error `name`s. Once the package is available,
 * `new DirectoryServiceData({ region, credentials, retryMode: 'adaptive' })`
 * satisfies this interface as is: change the construction in clients.ts and
 * delete this file.
 *
 * Shapes, paths and errors follow the service model: every operation is
 * `POST /<Group>/<Operation>?DirectoryId=<id>` with a JSON body; errors are
 * identified by the `x-amzn-errortype` header (or `__type`/`code` in the body).
 * Default endpoint (per the SDK endpoint ruleset): `https://ds-data.<region>.amazonaws.com`,
 * dual-stack: `https://ds-data.<region>.api.aws`.
 */

export type DirectoryDataAttributeValue =
  | { S: string }
  | { N: number }
  | { BOOL: boolean }
  | { SS: string[] };

export interface CreateUserRequest {
  DirectoryId: string;
  SAMAccountName: string;
  EmailAddress?: string;
  GivenName?: string;
  Surname?: string;
  OtherAttributes?: Record<string, DirectoryDataAttributeValue>;
  /** Idempotency token (valid 8 h). Generated once per call when omitted, reused across retries. */
  ClientToken?: string;
}
export interface CreateUserResult {
  DirectoryId?: string;
  SID?: string;
  SAMAccountName?: string;
}
export interface DescribeUserRequest {
  DirectoryId: string;
  SAMAccountName: string;
  OtherAttributes?: string[];
  Realm?: string;
}
export interface DescribeUserResult {
  DirectoryId?: string;
  Realm?: string;
  SID?: string;
  SAMAccountName?: string;
  DistinguishedName?: string;
  UserPrincipalName?: string;
  EmailAddress?: string;
  GivenName?: string;
  Surname?: string;
  Enabled?: boolean;
  OtherAttributes?: Record<string, DirectoryDataAttributeValue>;
}
export interface DeleteUserRequest {
  DirectoryId: string;
  SAMAccountName: string;
  ClientToken?: string;
}
export type DeleteUserResult = Record<string, never>;

export interface DirectoryDataCallOptions {
  abortSignal?: AbortSignal;
}

/** The operations we use; structurally compatible with the generated `DirectoryServiceData`. */
export interface DirectoryDataApi {
  createUser(
    input: CreateUserRequest,
    options?: DirectoryDataCallOptions,
  ): Promise<CreateUserResult>;
  describeUser(
    input: DescribeUserRequest,
    options?: DirectoryDataCallOptions,
  ): Promise<DescribeUserResult>;
  deleteUser(
    input: DeleteUserRequest,
    options?: DirectoryDataCallOptions,
  ): Promise<DeleteUserResult>;
}

/** Service errors, shaped like the SDK's ServiceException (name = error code). */
export class DirectoryDataServiceException extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: {
    httpStatusCode?: number;
    requestId?: string;
    attempts?: number;
  };
  readonly $retryable?: { throttling?: boolean };
  readonly Message?: string;
  readonly Reason?: string;
  readonly RetryAfterSeconds?: number;

  constructor(init: {
    name: string;
    message: string;
    statusCode: number;
    requestId?: string;
    reason?: string;
    retryAfterSeconds?: number;
  }) {
    super(init.message);
    this.name = init.name;
    this.$fault = init.statusCode >= 500 ? 'server' : 'client';
    this.$metadata = {
      httpStatusCode: init.statusCode,
      requestId: init.requestId,
    };
    this.Message = init.message;
    this.Reason = init.reason;
    this.RetryAfterSeconds = init.retryAfterSeconds;
    // Retry traits from the service model: ThrottlingException is
    // @retryable(throttling: true); InternalServerException and
    // DirectoryUnavailableException are @retryable.
    if (init.name === 'ThrottlingException') {
      this.$retryable = { throttling: true };
    } else if (
      init.name === 'InternalServerException' ||
      init.name === 'DirectoryUnavailableException'
    ) {
      this.$retryable = {};
    }
  }
}

export interface DirectoryDataHttpHandler {
  handle(
    request: HttpRequest,
    options?: { abortSignal?: AbortSignal },
  ): Promise<{ response: HttpResponse }>;
  destroy?(): void;
}

export interface DirectoryDataClientConfig {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Full endpoint URL override (VPC endpoint, tests). */
  endpoint?: string;
  useDualStack?: boolean;
  /** Like the SDK: 'adaptive' (default here) or 'standard'. */
  retryMode?: 'standard' | 'adaptive';
  /** Total attempts including the first (SDK default 3). */
  maxAttempts?: number;
  /** Overrides retryMode/maxAttempts entirely (tests use fast backoff). */
  retryStrategy?: RetryStrategyV2;
  requestHandler?: DirectoryDataHttpHandler;
}

export const DS_DATA_SIGNING_NAME = 'ds-data';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function resolveDirectoryDataEndpoint(
  region: string,
  useDualStack = false,
): string {
  if (!REGION_PATTERN.test(region)) {
    throw new Error(`Invalid AWS region "${region}"`);
  }
  const china = region.startsWith('cn-');
  let suffix = china ? 'amazonaws.com.cn' : 'amazonaws.com';
  if (useDualStack) suffix = china ? 'api.amazonwebservices.com.cn' : 'api.aws';
  return `https://ds-data.${region}.${suffix}`;
}

function headerValue(
  headers: Record<string, string | undefined>,
  name: string,
): string | undefined {
  const key = Object.keys(headers).find(h => h.toLowerCase() === name);
  return key ? headers[key] : undefined;
}

async function readBody(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  const chunks: Buffer[] = [];
  for await (const piece of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(
      typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece),
    );
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Same normalisation as the SDK's loadRestJsonErrorCode. */
function sanitizeErrorCode(raw: string): string {
  let code = raw;
  if (code.includes(':')) code = code.split(':')[0];
  if (code.includes('#')) code = code.split('#')[1];
  return code;
}

function retryErrorType(error: unknown): RetryErrorType {
  const e = error as Parameters<typeof isThrottlingError>[0];
  if (isThrottlingError(e)) return 'THROTTLING';
  if (isTransientError(e)) return 'TRANSIENT';
  if (isServerError(e)) return 'SERVER_ERROR';
  return 'CLIENT_ERROR';
}

export class DirectoryServiceDataClient implements DirectoryDataApi {
  readonly #endpoint: URL;
  readonly #signer: SignatureV4;
  readonly #handler: DirectoryDataHttpHandler;
  readonly #retry: RetryStrategyV2;

  constructor(config: DirectoryDataClientConfig) {
    this.#endpoint = new URL(
      config.endpoint ??
        resolveDirectoryDataEndpoint(config.region, config.useDualStack),
    );
    this.#signer = new SignatureV4({
      service: DS_DATA_SIGNING_NAME,
      region: config.region,
      credentials: config.credentials,
      sha256: Sha256,
    });
    this.#handler =
      config.requestHandler ??
      new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 30_000 });
    const maxAttempts = config.maxAttempts ?? 3;
    // One strategy per client, like the SDK: the adaptive rate limiter and the
    // retry quota are shared by all calls made through this client.
    this.#retry =
      config.retryStrategy ??
      (config.retryMode === 'standard'
        ? new StandardRetryStrategy(maxAttempts)
        : new AdaptiveRetryStrategy(maxAttempts));
  }

  createUser(
    input: CreateUserRequest,
    options?: DirectoryDataCallOptions,
  ): Promise<CreateUserResult> {
    const { DirectoryId, ...body } = input;
    return this.#call<CreateUserResult>(
      '/Users/CreateUser',
      DirectoryId,
      { ...body, ClientToken: body.ClientToken ?? randomUUID() },
      options,
    );
  }

  describeUser(
    input: DescribeUserRequest,
    options?: DirectoryDataCallOptions,
  ): Promise<DescribeUserResult> {
    const { DirectoryId, ...body } = input;
    return this.#call<DescribeUserResult>(
      '/Users/DescribeUser',
      DirectoryId,
      body,
      options,
    );
  }

  async deleteUser(
    input: DeleteUserRequest,
    options?: DirectoryDataCallOptions,
  ): Promise<DeleteUserResult> {
    const { DirectoryId, ...body } = input;
    await this.#call<unknown>(
      '/Users/DeleteUser',
      DirectoryId,
      { ...body, ClientToken: body.ClientToken ?? randomUUID() },
      options,
    );
    return {};
  }

  /** Closes pooled sockets (like the SDK clients' destroy()). */
  destroy(): void {
    this.#handler.destroy?.();
  }

  async #call<T>(
    operationPath: string,
    directoryId: string,
    body: object,
    options?: DirectoryDataCallOptions,
  ): Promise<T> {
    if (!directoryId) throw new Error('DirectoryId is required');
    const payload = JSON.stringify(body);
    const signal = options?.abortSignal;
    let token: RetryToken = await this.#retry.acquireInitialRetryToken(
      DS_DATA_SIGNING_NAME,
    );
    let attempts = 0;
    for (;;) {
      throwIfAborted(signal, `Directory Service Data ${operationPath}`);
      attempts++;
      try {
        const result = await this.#send<T>(
          operationPath,
          directoryId,
          payload,
          signal,
        );
        this.#retry.recordSuccess(token);
        return result;
      } catch (error) {
        if (signal?.aborted) throw error;
        const info: RetryErrorInfo = {
          error: error as RetryErrorInfo['error'],
          errorType: retryErrorType(error),
        };
        if (
          error instanceof DirectoryDataServiceException &&
          error.RetryAfterSeconds !== undefined
        ) {
          info.retryAfterHint = new Date(
            Date.now() + error.RetryAfterSeconds * 1000,
          );
        }
        try {
          token = await this.#retry.refreshRetryTokenForRetry(token, info);
        } catch {
          // The strategy refused (not retryable, attempts or retry quota used up).
          if (error instanceof DirectoryDataServiceException) {
            error.$metadata.attempts = attempts;
          }
          throw error;
        }
        await abortableSleep(token.getRetryDelay(), signal);
      }
    }
  }

  async #send<T>(
    operationPath: string,
    directoryId: string,
    payload: string,
    signal?: AbortSignal,
  ): Promise<T> {
    const base = this.#endpoint;
    const basePath = base.pathname.replace(/\/+$/, '');
    const request = new HttpRequest({
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port ? Number(base.port) : undefined,
      method: 'POST',
      path: `${basePath}${operationPath}`,
      query: { DirectoryId: directoryId },
      headers: {
        host: base.host,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(payload)),
        'user-agent': 'data-enclave/directory-data-client',
      },
      body: payload,
    });
    // Signed per attempt so X-Amz-Date is fresh on retries.
    const signed = (await this.#signer.sign(request)) as HttpRequest;
    const { response } = await this.#handler.handle(signed, {
      abortSignal: signal,
    });
    const text = await readBody(response.body);
    if (response.statusCode >= 200 && response.statusCode < 300) {
      return (text ? JSON.parse(text) : {}) as T;
    }
    let data: Record<string, unknown> = {};
    try {
      data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      // Non-JSON error bodies (e.g. from a proxy) still get a typed error below.
    }
    const headers = response.headers as Record<string, string | undefined>;
    const rawCode =
      headerValue(headers, 'x-amzn-errortype') ??
      (typeof data.code === 'string' ? data.code : undefined) ??
      (typeof data.__type === 'string' ? data.__type : undefined);
    const code = rawCode
      ? sanitizeErrorCode(rawCode)
      : `Http${response.statusCode}`;
    const message =
      (typeof data.message === 'string' && data.message) ||
      (typeof data.Message === 'string' && data.Message) ||
      `HTTP ${response.statusCode}`;
    const retryAfter = headerValue(headers, 'retry-after');
    throw new DirectoryDataServiceException({
      name: code,
      message,
      statusCode: response.statusCode,
      requestId: headerValue(headers, 'x-amzn-requestid'),
      reason: typeof data.Reason === 'string' ? data.Reason : undefined,
      retryAfterSeconds:
        retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined,
    });
  }
}
