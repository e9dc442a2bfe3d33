// Renders a build's provisioner logs (codersdk.ProvisionerJobLog) for as far as the job has got.
import type { BuildRecord } from '../world/world-model.js';
import { isoTime } from './iso-time.js';

interface LogLine {
  source: 'provisioner_daemon' | 'provisioner';
  level: 'info' | 'warn' | 'error';
  stage: string;
  output: string;
}

function line(stage: string, output: string, source: LogLine['source'] = 'provisioner'): LogLine {
  return { source, level: 'info', stage, output };
}

function linesFor(build: BuildRecord): LogLine[] {
  const action = build.transition === 'start' ? 'Starting' : build.transition === 'stop' ? 'Stopping' : 'Destroying';
  const setup = [
    line('Setting up', '', 'provisioner_daemon'),
    line('Parsing template parameters', '', 'provisioner_daemon'),
    line('Detecting persistent resources', 'Terraform 1.9.8'),
    line('Detecting persistent resources', 'docker_volume.home_volume: Refreshing state...'),
    line('Planning infrastructure', 'Initializing the backend...'),
    line('Planning infrastructure', 'Initializing provider plugins...'),
    line('Planning infrastructure', '- Using coder/coder v2.12.0 from the shared cache directory'),
    line('Planning infrastructure', '- Using kreuzwerker/docker v3.6.2 from the shared cache directory'),
    line('Planning infrastructure', 'Terraform has been successfully initialized!'),
  ];
  const apply =
    build.transition === 'start'
      ? [
          line(`${action} workspace`, 'coder_agent.main: Plan to create'),
          line(`${action} workspace`, 'docker_container.workspace[0]: Plan to create'),
          line(`${action} workspace`, 'coder_agent.main: Creating...'),
          line(`${action} workspace`, 'coder_agent.main: Creation complete after 0s'),
          line(`${action} workspace`, 'docker_container.workspace[0]: Creating...'),
        ]
      : [
          line(`${action} workspace`, 'docker_container.workspace[0]: Plan to destroy'),
          line(`${action} workspace`, 'docker_container.workspace[0]: Destroying...'),
        ];
  if (build.jobStatus === 'failed') {
    return [
      ...setup,
      ...apply,
      { source: 'provisioner', level: 'error', stage: `${action} workspace`, output: build.error ?? 'Error' },
    ];
  }
  const finish = [
    line(
      `${action} workspace`,
      build.transition === 'start'
        ? 'docker_container.workspace[0]: Creation complete after 2s'
        : 'docker_container.workspace[0]: Destruction complete after 1s',
    ),
    line(`${action} workspace`, 'Apply complete! Resources: 2 added, 0 changed, 0 destroyed.'),
    line('Cleaning Up', '', 'provisioner_daemon'),
  ];
  return [...setup, ...apply, ...finish];
}

export function buildLogsPayload(build: BuildRecord, after: number | null, before: number | null): Record<string, unknown>[] {
  if (build.jobStatus === 'pending') {
    return [];
  }
  const all = linesFor(build);
  const visible = build.jobStatus === 'running' ? all.slice(0, Math.ceil(all.length / 2)) : all;
  const startedAt = build.startedAt ?? build.createdAt;
  return visible
    .map((entry, position) => ({
      id: build.ordinal * 1_000 + position + 1,
      created_at: isoTime(startedAt + position * 150),
      log_source: entry.source,
      log_level: entry.level,
      stage: entry.stage,
      output: entry.output,
    }))
    .filter((entry) => (after === null || entry.id > after) && (before === null || entry.id < before));
}
