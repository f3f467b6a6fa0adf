import { groupNameProblem, InvalidRequest } from '@app/core';

export const MAX_GROUP_DESCRIPTION = 500;

export function assertGroupName(name: unknown, field = 'name'): asserts name is string {
  const problem = groupNameProblem(name);
  if (problem) throw InvalidRequest.forField(field, problem);
}

