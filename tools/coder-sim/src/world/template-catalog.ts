// The templates of the standard world: two that can run a Claude Code agent (coder_ai_task) and one that cannot.
import type { NameValue, ParameterRecord } from './world-model.js';

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
  parameters: readonly ParameterRecord[];
  presets: readonly PresetDefinition[];
}

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

export const STANDARD_TEMPLATES: readonly TemplateDefinition[] = [
  {
    name: 'claude-code',
    displayName: 'Claude Code',
    description: 'A Docker workspace with Claude Code running behind AgentAPI, ready for AI tasks.',
    icon: '/icon/claude.svg',
    versionName: 'quirky-turing-4c1',
    readme: '# Claude Code\n\nRuns Claude Code in a Docker container, reporting its work as app statuses.\n',
    hasAiTask: true,
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
