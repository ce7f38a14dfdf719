/*
 * Provision's ownership check: the initiator must be a member of the team
 * that will own the environment, or an enclave admin. The template's
 * MyGroupsPicker only offers the person's own groups, but a task can be
 * created through the API with any owner, so the action decides, before
 * terraform or AWS is touched. The claims are the same ownership refs the
 * permission policy's IS_OWNER_TEAM / IS_ADMIN rules evaluate, so whoever
 * passes here can see and manage what they created.
 */
import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { environmentOwnershipRefusal } from '@data-enclave/plugin-enclave-common';

export async function requireOwnerTeamMember(
  userInfo: Pick<UserInfoService, 'getUserInfo'>,
  credentials: BackstageCredentials,
  { team }: { team: string },
  { adminGroup }: { adminGroup?: string },
): Promise<void> {
  // The scaffolder types the initiator's principal as unknown.
  const { type } = credentials.principal as { type: string };
  if (type !== 'user') {
    throw new NotAllowedError(
      `an environment must be created by a signed-in user (this task was started by a ${type} principal): run the template from Backstage, or create the task with a user's token`,
    );
  }
  const { userEntityRef, ownershipEntityRefs } = await userInfo.getUserInfo(
    credentials,
  );
  const refusal = environmentOwnershipRefusal({
    userRef: userEntityRef,
    claims: ownershipEntityRefs,
    team,
    adminGroup,
  });
  if (refusal) throw new NotAllowedError(refusal);
}
