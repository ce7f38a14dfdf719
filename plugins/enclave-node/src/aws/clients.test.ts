import { DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import { Readable } from 'node:stream';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import {
  ENCLAVE_MAX_ATTEMPTS,
  createEnclaveAwsClients,
  destroyEnclaveAwsClients,
} from './clients';

/** An HTTP layer that answers from a script: the real SDK middleware stack runs. */
function scriptedHandler(replies: { status: number; body: unknown }[]) {
  const requests: HttpRequest[] = [];
  return {
    requests,
    handler: {
      metadata: { handlerProtocol: 'http/1.1' },
      destroy: () => {},
      handle: async (request: HttpRequest) => {
        requests.push(request);
        const reply = replies.shift() ?? { status: 200, body: {} };
        return {
          response: new HttpResponse({
            statusCode: reply.status,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: Readable.from([Buffer.from(JSON.stringify(reply.body))]),
          }),
        };
      },
      updateHttpClientConfig: () => {},
      httpHandlerConfigs: () => ({}),
    },
  };
}

describe('AWS clients (SDK stack with a scripted HTTP layer, no AWS)', () => {
  it('builds clients in adaptive retry mode that retry a throttling burst', async () => {
    const { handler, requests } = scriptedHandler([
      {
        status: 400,
        body: { __type: 'ThrottlingException', message: 'Rate exceeded' },
      },
      {
        status: 200,
        body: { Workspaces: [{ WorkspaceId: 'ws-1', State: 'AVAILABLE' }] },
      },
    ]);
    const clients = createEnclaveAwsClients({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      requestHandler: handler as never,
    });
    try {
      expect(await clients.workspaces.config.retryStrategy()).toMatchObject({
        mode: 'adaptive',
      });
      expect(await clients.workspaces.config.maxAttempts()).toBe(
        ENCLAVE_MAX_ATTEMPTS,
      );
      const out = await clients.workspaces.send(
        new DescribeWorkspacesCommand({ WorkspaceIds: ['ws-1'] }),
      );
      expect(out.Workspaces![0].State).toBe('AVAILABLE');
      expect(out.$metadata.attempts).toBe(2);
      expect(requests).toHaveLength(2);
      expect(requests[0].headers.authorization).toMatch(
        /Credential=AKID\/\d{8}\/eu-west-1\/workspaces\/aws4_request/,
      );
    } finally {
      destroyEnclaveAwsClients(clients);
    }
  });

  it('requires explicit credentials', () => {
    expect(() =>
      createEnclaveAwsClients({
        region: 'eu-west-1',
        credentials: undefined as never,
      }),
    ).toThrow(/needs credentials/);
  });
});

describe('the one retry layer (SDK middleware with a scripted HTTP layer, no AWS)', () => {
  const throttled = {
    status: 400,
    body: { __type: 'ThrottlingException', message: 'Rate exceeded' },
  };
  const fast = () => new ConfiguredRetryStrategy(ENCLAVE_MAX_ATTEMPTS, 1);

  it('absorbs a throttling burst within the budget and reports the attempts', async () => {
    const { handler, requests } = scriptedHandler([
      ...Array.from({ length: ENCLAVE_MAX_ATTEMPTS - 1 }, () => throttled),
      { status: 200, body: { Workspaces: [] } },
    ]);
    const clients = createEnclaveAwsClients({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      requestHandler: handler as never,
      retryStrategy: fast(),
    });
    try {
      const out = await clients.workspaces.send(
        new DescribeWorkspacesCommand({}),
      );
      expect(out.$metadata.attempts).toBe(ENCLAVE_MAX_ATTEMPTS);
      expect(requests).toHaveLength(ENCLAVE_MAX_ATTEMPTS);
    } finally {
      destroyEnclaveAwsClients(clients);
    }
  });

  it('gives up after the budget: one layer, so exactly ENCLAVE_MAX_ATTEMPTS requests', async () => {
    const { handler, requests } = scriptedHandler(
      Array.from({ length: 20 }, () => throttled),
    );
    const clients = createEnclaveAwsClients({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      requestHandler: handler as never,
      retryStrategy: fast(),
    });
    try {
      await expect(
        clients.workspaces.send(new DescribeWorkspacesCommand({})),
      ).rejects.toMatchObject({ name: 'ThrottlingException' });
      expect(requests).toHaveLength(ENCLAVE_MAX_ATTEMPTS);
    } finally {
      destroyEnclaveAwsClients(clients);
    }
  });

  it('does not retry a client error that is not throttling', async () => {
    const { handler, requests } = scriptedHandler([
      {
        status: 400,
        body: {
          __type: 'ResourceNotFoundException',
          message: 'no such workspace',
        },
      },
    ]);
    const clients = createEnclaveAwsClients({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
      requestHandler: handler as never,
    });
    try {
      await expect(
        clients.workspaces.send(new DescribeWorkspacesCommand({})),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      expect(requests).toHaveLength(1);
    } finally {
      destroyEnclaveAwsClients(clients);
    }
  });
});
