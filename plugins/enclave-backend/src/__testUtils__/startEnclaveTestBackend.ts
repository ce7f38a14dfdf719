import {
  coreServices,
  createServiceFactory,
  BackendFeature,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import permissionBackend from '@backstage/plugin-permission-backend';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { enclavePermissionPolicyModule } from '../permissions/policyModule';
import { enclavePlugin } from '../plugin';

/** Test users and what they own (as the catalog would resolve it). */
export const TEST_USERS = {
  alice: 'user:default/alice', // member of data-science: owner
  bob: 'user:default/bob', // member of nothing relevant
  carol: 'user:default/carol', // platform admin
  dave: 'user:default/dave', // data-science member with a desktop
} as const;

export const TEST_ADMIN_GROUP = 'group:default/platform-admins';

const OWNERSHIP: Record<string, string[]> = {
  [TEST_USERS.alice]: [TEST_USERS.alice, 'group:default/data-science'],
  [TEST_USERS.bob]: [TEST_USERS.bob, 'group:default/ml'],
  [TEST_USERS.carol]: [TEST_USERS.carol, TEST_ADMIN_GROUP],
  [TEST_USERS.dave]: [TEST_USERS.dave, 'group:default/data-science'],
};

/** userInfo that knows group membership, so the policy sees real claims. */
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: OWNERSHIP[ref] ?? [ref],
      };
    },
  }),
});

const sampleServiceToken = mockCredentials.service.token({
  onBehalfOf: mockCredentials.user(),
  targetPluginId: 'sample',
});
const MOCK_SERVICE_TOKEN_PREFIX = sampleServiceToken.slice(
  0,
  sampleServiceToken.indexOf('{'),
);

/**
 * Mock httpAuth with two differences that make it behave like production:
 * no token means no principal (so the router answers 401 instead of the
 * mock's default user), and on-behalf-of tokens keep their `actor`. The mock
 * drops the actor, and the permission backend then treats a plugin's
 * authorizeConditional call as a direct user request and refuses it.
 */
const httpAuthFactory = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { pluginMetadata: coreServices.pluginMetadata },
  factory: ({ pluginMetadata }) => {
    const inner = mockServices.httpAuth({
      pluginId: pluginMetadata.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    const credentials = (async (req: Request, options?: any) => {
      const result = await inner.credentials(req as any, options);
      const token = String(req.headers.authorization ?? '').replace(
        /^Bearer\s+/i,
        '',
      );
      if (token.startsWith(`${MOCK_SERVICE_TOKEN_PREFIX}{`)) {
        const { sub, obo } = JSON.parse(
          token.slice(MOCK_SERVICE_TOKEN_PREFIX.length),
        );
        if (obo) {
          return mockCredentials.user(obo, {
            actor: { subject: sub ?? 'plugin:unknown' },
          });
        }
      }
      return result;
    }) as HttpAuthService['credentials'];
    return {
      credentials,
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    };
  },
});

/** Static keys for the test account: no credential chain, no STS call. */
export const TEST_AWS_CONFIG = {
  accounts: [
    {
      accountId: '123456789012',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
  ],
};

export interface StartEnclaveTestBackendOptions {
  /** Registry database (TestDatabases); default: the mock SQLite. */
  knex?: Knex;
  config?: JsonObject;
  features?: BackendFeature[];
}

/**
 * The enclave plugin with the real permission backend and the enclave policy,
 * mock auth, and the given database.
 */
export async function startEnclaveTestBackend(
  options: StartEnclaveTestBackendOptions = {},
) {
  return startTestBackend({
    features: [
      enclavePlugin,
      permissionBackend,
      enclavePermissionPolicyModule,
      userInfoFactory,
      httpAuthFactory,
      // The real events service: one in-process bus shared by all plugins
      // (the mock gives each plugin its own), as in a single backend.
      eventsServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          events: { useEventBus: 'never' },
          aws: TEST_AWS_CONFIG,
          dataEnclave: {
            adminGroup: TEST_ADMIN_GROUP,
            status: { cacheTtlSeconds: 30 },
          },
          ...options.config,
        },
      }),
      ...(options.knex
        ? [mockServices.database.factory({ knex: options.knex })]
        : []),
      ...(options.features ?? []),
    ],
  });
}
