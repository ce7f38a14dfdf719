import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/**
 * The guest's ownership refs as a catalog sign-in resolver issues them
 * (examples/org.yaml). Provision checks the owner team in them, so every
 * integration backend that runs the provision template needs this.
 */
export const guestUserInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () =>
    mockServices.userInfo({
      ownershipEntityRefs: [
        'user:default/guest',
        'group:default/guests',
        'group:default/data-science',
      ],
    }),
});
