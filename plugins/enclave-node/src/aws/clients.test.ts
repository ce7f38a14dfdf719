import { DescribeWorkspacesCommand } from '@aws-sdk/client-workspaces';
import { HttpRequest, HttpResponse } from '@smithy/protocol-http';
import { Readable } from 'node:stream';
import {
  createEnclaveAwsClients,
  destroyEnclaveAwsClients,
  withConcurrencyLimit,
} from './clients';
import { FakeAws } from './__testUtils__/fakeAws';

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
      expect(await clients.workspaces.config.maxAttempts()).toBe(5);
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

describe('withConcurrencyLimit (mocked AWS)', () => {
  it('caps in-flight calls per client', async () => {
    const aws = new FakeAws({ latencyMs: 5 });
    let inFlight = 0;
    let peak = 0;
    aws.mocks.workspaces.on(DescribeWorkspacesCommand).callsFake(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise(r => setTimeout(r, 5));
      inFlight--;
      return { Workspaces: [] };
    });
    const limited = withConcurrencyLimit(aws.clients, 3);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limited.workspaces.send(new DescribeWorkspacesCommand({})),
      ),
    );
    expect(peak).toBe(3);
    aws.restore();
  });
});
