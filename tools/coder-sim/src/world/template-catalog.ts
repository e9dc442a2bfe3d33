// The templates of the standard world, per Coder generation: Claude Code behind AgentAPI (claude-code module v4,
// slug `ccw`), the bare `agentapi` module (slug `agentapi`, a subdomain app), a research variant, and one without an agent.
import type { CoderGeneration } from '../coder-generation.js';
import type { AgentApiAppDefinition, NameValue, ParameterRecord } from './world-model.js';

export const AI_PROMPT_PARAMETER = 'AI Prompt';
export const SYSTEM_PROMPT_PARAMETER = 'system_prompt';

export interface PresetDefinition {
  name: string;
  description: string;
  icon: string;
  isDefault: boolean;
  parameters: readonly NameValue[];
}

export interface TemplateDefinition {
  name: string;
  displayName: string;
  description: string;
  icon: string;
  versionName: string;
  readme: string;
  hasAiTask: boolean;
  /** the AgentAPI app the template's agent serves, or null for a template without AgentAPI */
  agentApiApp: AgentApiAppDefinition | null;
  parameters: readonly ParameterRecord[];
  presets: readonly PresetDefinition[];
}

/**
 * // coder/registry registry/coder/modules/claude-code (v4.x): wraps the agentapi module with web_app_slug "ccw",
 * // display name "Claude Code", agentapi_subdomain = false; url http://localhost:3284/, healthcheck /status 3 s x 20.
 */
export const CLAUDE_CODE_APP: AgentApiAppDefinition = {
  slug: 'ccw',
  displayName: 'Claude Code',
  icon: '/icon/claude.svg',
  subdomain: false,
};

/**
 * // coder/registry registry/coder/modules/agentapi/main.tf (v2.4.0): coder_app "agentapi_web" with
 * // url "http://localhost:${var.agentapi_port}/" (agentapi_port default 3284), subdomain = var.agentapi_subdomain
 * // (default true), healthcheck url "http://localhost:${var.agentapi_port}/status", interval 3, threshold 20;
 * // web_app_slug has no default: the template picks it ("agentapi" here).
 */
export const BARE_AGENT_API_APP: AgentApiAppDefinition = {
  slug: 'agentapi',
  displayName: 'AgentAPI',
  icon: '/icon/coder.svg',
  subdomain: true,
};

function parameter(overrides: Partial<ParameterRecord> & Pick<ParameterRecord, 'name'>): ParameterRecord {
  return {
    displayName: overrides.name,
    description: '',
    type: 'string',
    formType: 'input',
    mutable: true,
    defaultValue: '',
    required: false,
    ephemeral: false,
    icon: '',
    options: [],
    ...overrides,
  };
}

const aiPromptParameter = parameter({
  name: AI_PROMPT_PARAMETER,
  displayName: 'AI Prompt',
  description: 'Write a prompt for Claude Code. It is sent to the agent when the workspace starts.',
  formType: 'textarea',
  icon: '/emojis/1f4ac.png',
});

const systemPromptParameter = parameter({
  name: SYSTEM_PROMPT_PARAMETER,
  displayName: 'System prompt',
  description: 'Instructions Claude Code follows for every task in this workspace.',
  formType: 'textarea',
  defaultValue: 'You are a careful software engineer. Report your progress with coder_report_task.',
});

const implementerPrompt =
  'You are the implementer. Make the smallest change that solves the task, add tests, keep the public API stable.';
const reviewerPrompt =
  'You are the reviewer. Read the change, run the tests, and report problems with file and line; do not rewrite code.';
const testerPrompt =
  'You are the tester. Write failing tests that expose the reported problem, then make them pass with minimal changes.';

const BASE_TEMPLATES: readonly TemplateDefinition[] = [
  {
    name: 'claude-code',
    displayName: 'Claude Code',
    description: 'A Docker workspace with Claude Code running behind AgentAPI, ready for AI tasks.',
    icon: '/icon/claude.svg',
    versionName: 'quirky-turing-4c1',
    readme: '# Claude Code\n\nRuns Claude Code in a Docker container, reporting its work as app statuses.\n',
    hasAiTask: true,
    agentApiApp: CLAUDE_CODE_APP,
    parameters: [
      aiPromptParameter,
      systemPromptParameter,
      parameter({
        name: 'model',
        displayName: 'Model',
        description: 'The Claude model the agent uses.',
        formType: 'dropdown',
        defaultValue: 'claude-sonnet-4-5',
        options: [
          { name: 'Claude Sonnet 4.5', description: 'Fast and capable', value: 'claude-sonnet-4-5', icon: '' },
          { name: 'Claude Opus 4.1', description: 'Most capable', value: 'claude-opus-4-1', icon: '' },
        ],
      }),
      parameter({
        name: 'repository',
        displayName: 'Repository',
        description: 'Git repository cloned into the workspace.',
        defaultValue: 'https://github.com/acme/webapp',
      }),
    ],
    presets: [
      {
        name: 'Implementer',
        description: 'Implements features and fixes with tests.',
        icon: '/emojis/1f6e0-fe0f.png',
        isDefault: true,
        parameters: [
          { name: SYSTEM_PROMPT_PARAMETER, value: implementerPrompt },
          { name: 'model', value: 'claude-sonnet-4-5' },
        ],
      },
      {
        name: 'Reviewer',
        description: 'Reviews changes and reports findings.',
        icon: '/emojis/1f50d.png',
        isDefault: false,
        parameters: [
          { name: SYSTEM_PROMPT_PARAMETER, value: reviewerPrompt },
          { name: 'model', value: 'claude-opus-4-1' },
        ],
      },
      {
        name: 'Tester',
        description: 'Writes tests that expose problems.',
        icon: '/emojis/1f9ea.png',
        isDefault: false,
        parameters: [
          { name: SYSTEM_PROMPT_PARAMETER, value: testerPrompt },
          { name: 'model', value: 'claude-sonnet-4-5' },
        ],
      },
    ],
  },
  {
    name: 'research-agent',
    displayName: 'Research Agent',
    description: 'Claude Code set up for research and writing in a documentation repository.',
    icon: '/icon/claude.svg',
    versionName: 'brave-hopper-9e2',
    readme: '# Research Agent\n\nClaude Code for research notes and documentation.\n',
    hasAiTask: true,
    agentApiApp: CLAUDE_CODE_APP,
    parameters: [
      aiPromptParameter,
      systemPromptParameter,
      parameter({
        name: 'docs_repository',
        displayName: 'Documentation repository',
        description: 'Repository the agent writes to. Required: set it, or choose a preset.',
        mutable: false,
        required: true,
      }),
    ],
    presets: [
      {
        name: 'Researcher',
        description: 'Collects sources and writes notes.',
        icon: '/emojis/1f4da.png',
        isDefault: true,
        parameters: [
          { name: SYSTEM_PROMPT_PARAMETER, value: 'You research a topic and write concise notes with sources.' },
          { name: 'docs_repository', value: 'https://github.com/acme/research-notes' },
        ],
      },
      {
        name: 'Writer',
        description: 'Turns notes into documentation pages.',
        icon: '/emojis/270d-fe0f.png',
        isDefault: false,
        parameters: [
          { name: SYSTEM_PROMPT_PARAMETER, value: 'You turn research notes into clear documentation pages.' },
          { name: 'docs_repository', value: 'https://github.com/acme/docs' },
        ],
      },
    ],
  },
  {
    name: 'docker-dev',
    displayName: 'Docker Dev',
    description: 'A plain Docker development workspace with VS Code in the browser. No AI agent.',
    icon: '/icon/docker.png',
    versionName: 'calm-lovelace-1b7',
    readme: '# Docker Dev\n\nA general purpose development container.\n',
    hasAiTask: false,
    agentApiApp: null,
    parameters: [
      parameter({
        name: 'cpu',
        displayName: 'CPU cores',
        type: 'number',
        formType: 'radio',
        defaultValue: '2',
        options: [
          { name: '2 cores', description: '', value: '2', icon: '' },
          { name: '4 cores', description: '', value: '4', icon: '' },
          { name: '8 cores', description: '', value: '8', icon: '' },
        ],
      }),
      parameter({ name: 'dotfiles_uri', displayName: 'Dotfiles URL', description: 'Optional dotfiles repository.' }),
    ],
    presets: [],
  },
];

/** A Claude Code agent wired through the agentapi module directly: another slug, and a subdomain app. */
const AGENT_API_TEMPLATE: TemplateDefinition = {
  name: 'agentapi-agent',
  displayName: 'AgentAPI Agent',
  description: 'Claude Code behind the agentapi registry module, served as a subdomain app.',
  icon: '/icon/coder.svg',
  versionName: 'keen-knuth-7d3',
  readme: '# AgentAPI Agent\n\nClaude Code started by the agentapi module (subdomain app `agentapi`).\n',
  hasAiTask: true,
  agentApiApp: BARE_AGENT_API_APP,
  parameters: [aiPromptParameter, systemPromptParameter],
  presets: [],
};

/**
 * The standard templates as the given generation's registry modules make them:
 * - 2.27–2.28: the `AI Prompt` rich parameter carries the first prompt (optional from registry PR #485).
 * - 2.29–2.36: no `AI Prompt` parameter: the prompt comes from `data "coder_task"` (registry PR #485, coder PR #21023).
 * - 2.37+: no coder_ai_task resource (has_ai_task gone, coder PRs #28790/#29085) and no prompt parameter; AgentAPI
 *   still runs (claude-code v4.x / agentapi module), the first prompt goes through AgentAPI.
 */
export function standardTemplatesFor(generation: CoderGeneration): TemplateDefinition[] {
  return [...BASE_TEMPLATES, AGENT_API_TEMPLATE].map((definition) => {
    if (definition.agentApiApp === null) {
      return definition;
    }
    const keepsPrompt = generation.promptDelivery === 'ai-prompt-parameter';
    return {
      ...definition,
      hasAiTask: definition.hasAiTask && generation.exposesHasAiTask,
      parameters: keepsPrompt
        ? definition.parameters
        : definition.parameters.filter((candidate) => candidate.name !== AI_PROMPT_PARAMETER),
    };
  });
}
