// Recorded flows: each poll of the workspace answers the next state Coder showed, the last one repeating.
import { recordedCoder } from '../src/recorded-coder.js';
import { recordedCreatedWorkspaceAsPolled, recordedStartBuild } from '../src/recorded-coder-data.js';
import { recordedCreation, recordedStartOf } from '../src/recorded-flows.js';

describe('recordedCreation', () => {
  it('accepts the workspace with a pending build, then answers it as polled until its agent is ready', async () => {
    const coder = recordedCoder('v2.37.0', recordedCreation('v2.37.0'));
    const polled = recordedCreatedWorkspaceAsPolled('v2.37.0');

    const created = await coder.client.createWorkspace('organization', 'me', { name: 'fleet-rec-workspace', template_version_id: 'version' });
    const answers = [];
    for (let poll = 0; poll <= polled.length; poll += 1) answers.push(await coder.client.getWorkspace(created.id));

    expect(created.latest_build.status).toBe('pending');
    expect(answers).toEqual([...polled, polled.at(-1)]);
  });
});

describe('recordedStartOf', () => {
  it('answers the named workspace with the start build, then with each build polled while an agent came up', async () => {
    const coder = recordedCoder('v2.37.0', recordedStartOf('v2.37.0', 'review-webhooks'));
    const polledBuilds = recordedCreatedWorkspaceAsPolled('v2.37.0').slice(1).map((workspace) => workspace.latest_build);

    const started = await coder.client.startWorkspace('id');
    const answers = [await coder.client.getWorkspace('id'), await coder.client.getWorkspace('id'), await coder.client.getWorkspace('id')];

    expect(started).toEqual(recordedStartBuild('v2.37.0'));
    expect(answers.map((workspace) => workspace.name)).toEqual(['review-webhooks', 'review-webhooks', 'review-webhooks']);
    expect(answers.map((workspace) => workspace.latest_build)).toEqual([started, ...polledBuilds]);
  });
});
