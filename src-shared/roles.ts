/** Office roles, each including everything the one before it may do. */
export const ROLES = ['clerk', 'technician', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { clerk: 1, technician: 2, supervisor: 3 };

/** True when a user holding `held` may do what needs `required`. */
export function roleAllows(held: Role, required: Role): boolean {
  return RANK[held] >= RANK[required];
}

export const ROLE_LABELS: Record<Role, string> = {
  clerk: 'Counter clerk',
  technician: 'Billing technician',
  supervisor: 'Supervisor',
};
