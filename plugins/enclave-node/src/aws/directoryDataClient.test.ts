import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  DirectoryServiceDataClient,
  resolveDirectoryDataEndpoint,
} from './directoryDataClient';

/**
 * Real HTTP against a loopback server on 127.0.0.1: no AWS, no internet. We
 * check what goes over the wire (path, query, headers, JSON body), that the
 * SigV4 signature is exactly what an independent signer computes for the
 * received request, and how responses map to results, errors and retries.
 */
interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Reply = {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
};

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe('DirectoryServiceDataClient (loopback HTTP, no AWS)', () => {
  let server: Server;
  let endpoint: string;
  let received: Received[];
  let replies: Reply[];
  let client: DirectoryServiceDataClient;

  beforeEach(async () => {
    received = [];
    replies = [];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', c => chunks.push(c));
      req.on('end', () => {
        received.push({
          method: req.method!,
          url: req.url!,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const reply = replies.shift() ?? { status: 200, body: {} };
        res.writeHead(reply.status, {
          'content-type': 'application/json',
          'x-amzn-requestid': 'req-123',
          ...reply.headers,
        });
        res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new DirectoryServiceDataClient({
      region: 'eu-west-1',
      credentials,
      endpoint,
      // SDK standard retry semantics with a 1 ms backoff to keep the test fast.
      retryStrategy: new ConfiguredRetryStrategy(3, 1),
    });
  });

  afterEach(async () => {
    client.destroy();
    await new Promise(resolve => server.close(resolve));
  });

  it('sends CreateUser as a SigV4-signed REST-JSON POST', async () => {
    replies.push({
      status: 200,
      body: {
        DirectoryId: 'd-0123456789',
        SAMAccountName: 'jdoe',
        SID: 'S-1-5-21-1',
      },
    });
    const result = await client.createUser({
      DirectoryId: 'd-0123456789',
      SAMAccountName: 'jdoe',
      EmailAddress: 'jane.doe@example.com',
      GivenName: 'Jane',
      Surname: 'Doe',
    });
    expect(result).toEqual({
      DirectoryId: 'd-0123456789',
      SAMAccountName: 'jdoe',
      SID: 'S-1-5-21-1',
    });

    expect(received).toHaveLength(1);
    const [req] = received;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/Users/CreateUser?DirectoryId=d-0123456789');
    expect(req.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req.body);
    expect(body).toEqual({
      SAMAccountName: 'jdoe',
      EmailAddress: 'jane.doe@example.com',
      GivenName: 'Jane',
      Surname: 'Doe',
      ClientToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });

    const amzDate = req.headers['x-amz-date'] as string;
    expect(amzDate).toMatch(/^\d{8}T\d{6}Z$/);
    const authorization = req.headers.authorization as string;
    expect(authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${amzDate.slice(
          0,
          8,
        )}/eu-west-1/ds-data/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$`,
      ),
    );
    const signedHeaders = /SignedHeaders=([^,]+)/
      .exec(authorization)![1]
      .split(';');
    expect(signedHeaders).toEqual(
      expect.arrayContaining(['content-type', 'host', 'x-amz-date']),
    );

    // Recompute the signature independently from what the server received.
    const { port } = server.address() as AddressInfo;
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) headers[name] = String(req.headers[name]);
    const expected = await new SignatureV4({
      service: 'ds-data',
      region: 'eu-west-1',
      credentials,
      sha256: Sha256,
    }).sign(
      new HttpRequest({
        protocol: 'http:',
        hostname: '127.0.0.1',
        port,
        method: 'POST',
        path: '/Users/CreateUser',
        query: { DirectoryId: 'd-0123456789' },
        headers,
        body: req.body,
      }),
      {
        signingDate: new Date(
          amzDate.replace(
            /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/,
            '$1-$2-$3T$4:$5:$6Z',
          ),
        ),
      },
    );
    expect(expected.headers.authorization).toBe(authorization);
  });

  it('sends DescribeUser and DeleteUser to their paths', async () => {
    replies.push(
      {
        status: 200,
        body: {
          SAMAccountName: 'jdoe',
          EmailAddress: 'j@example.com',
          Enabled: true,
        },
      },
      { status: 200, body: {} },
    );
    await expect(
      client.describeUser({
        DirectoryId: 'd-0123456789',
        SAMAccountName: 'jdoe',
      }),
    ).resolves.toEqual({
      SAMAccountName: 'jdoe',
      EmailAddress: 'j@example.com',
      Enabled: true,
    });
    await expect(
      client.deleteUser({
        DirectoryId: 'd-0123456789',
        SAMAccountName: 'jdoe',
      }),
    ).resolves.toEqual({});
    expect(received.map(r => r.url)).toEqual([
      '/Users/DescribeUser?DirectoryId=d-0123456789',
      '/Users/DeleteUser?DirectoryId=d-0123456789',
    ]);
    expect(JSON.parse(received[0].body)).toEqual({ SAMAccountName: 'jdoe' });
    expect(JSON.parse(received[1].body)).toEqual({
      SAMAccountName: 'jdoe',
      ClientToken: expect.any(String),
    });
  });

  it('maps error responses to SDK-style errors without retrying client errors', async () => {
    replies.push({
      status: 409,
      headers: {
        'x-amzn-errortype': 'ConflictException:http://internal.amazon.com/',
      },
      body: { message: 'The user already exists' },
    });
    const error = await client
      .createUser({ DirectoryId: 'd-0123456789', SAMAccountName: 'jdoe' })
      .catch(e => e);
    expect(error).toMatchObject({
      name: 'ConflictException',
      message: 'The user already exists',
      $fault: 'client',
      $metadata: { httpStatusCode: 409, requestId: 'req-123', attempts: 1 },
    });
    expect(received).toHaveLength(1);
  });

  it('retries throttling and server errors with the same idempotency token', async () => {
    replies.push(
      {
        status: 429,
        body: {
          __type: 'com.amazonaws.directoryservicedata#ThrottlingException',
          message: 'Rate exceeded',
        },
      },
      {
        status: 500,
        body: { __type: 'InternalServerException', message: 'oops' },
      },
      { status: 200, body: { SAMAccountName: 'jdoe' } },
    );
    await expect(
      client.createUser({
        DirectoryId: 'd-0123456789',
        SAMAccountName: 'jdoe',
      }),
    ).resolves.toEqual({ SAMAccountName: 'jdoe' });
    expect(received).toHaveLength(3);
    const tokens = received.map(r => JSON.parse(r.body).ClientToken);
    expect(new Set(tokens).size).toBe(1);
    // Each attempt is signed afresh.
    expect(received.every(r => r.headers.authorization)).toBe(true);
  });

  it('gives up after maxAttempts', async () => {
    for (let i = 0; i < 5; i++) {
      replies.push({
        status: 400,
        headers: { 'x-amzn-errortype': 'ThrottlingException' },
        body: { message: 'Rate exceeded' },
      });
    }
    await expect(
      client.describeUser({
        DirectoryId: 'd-0123456789',
        SAMAccountName: 'jdoe',
      }),
    ).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { attempts: 3 },
    });
    expect(received).toHaveLength(3);
  });

  it('resolves the regional endpoints from the SDK ruleset', () => {
    expect(resolveDirectoryDataEndpoint('eu-west-1')).toBe(
      'https://ds-data.eu-west-1.amazonaws.com',
    );
    expect(resolveDirectoryDataEndpoint('eu-west-1', true)).toBe(
      'https://ds-data.eu-west-1.api.aws',
    );
    expect(resolveDirectoryDataEndpoint('cn-north-1')).toBe(
      'https://ds-data.cn-north-1.amazonaws.com.cn',
    );
    expect(() => resolveDirectoryDataEndpoint('evil.com/x')).toThrow(
      'Invalid AWS region',
    );
  });
});
