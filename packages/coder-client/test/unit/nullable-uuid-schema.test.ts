// Tests reading Coder's nullable UUIDs in each form the wire and the description use.
import { CoderTaskSchema } from '../../src/index.js';

const task = {
  id: 't1',
  name: 'fix-bug',
  owner_name: 'fleet-dev',
  status: 'active',
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
};

describe('nullable UUID fields of a task', () => {
  it('reads a plain UUID string', () => {
    expect(CoderTaskSchema.parse({ ...task, workspace_app_id: 'app-1' }).workspace_app_id).toBe('app-1');
  });

  it('reads the {uuid, valid} form of the API description', () => {
    expect(CoderTaskSchema.parse({ ...task, workspace_app_id: { uuid: 'app-2', valid: true } }).workspace_app_id).toBe('app-2');
    expect(CoderTaskSchema.parse({ ...task, workspace_app_id: { uuid: '', valid: false } }).workspace_app_id).toBeNull();
  });

  it('reads an empty string as null', () => {
    expect(CoderTaskSchema.parse({ ...task, workspace_app_id: '' }).workspace_app_id).toBeNull();
  });

  it('refuses the {uuid, valid} form without its valid flag', () => {
    expect(CoderTaskSchema.safeParse({ ...task, workspace_app_id: { uuid: 'app-3' } }).success).toBe(false);
  });

  it('reads null or a missing field as null', () => {
    expect(CoderTaskSchema.parse({ ...task, workspace_app_id: null }).workspace_app_id).toBeNull();
    expect(CoderTaskSchema.parse(task).workspace_id).toBeNull();
  });
});
