// Routes about templates, their versions, rich parameters and presets.
import { parseUuidParameter, resourceNotFound } from '../http/coder-error.js';
import { jsonResponse } from '../http/simulator-response.js';
import { presetPayload } from '../payloads/preset-payload.js';
import { templateParameterPayload } from '../payloads/template-parameter-payload.js';
import { templatePayload } from '../payloads/template-payload.js';
import { templateVersionPayload } from '../payloads/template-version-payload.js';
import { templateVersionResourcesPayload } from '../payloads/workspace-resource-payload.js';
import { parseTemplateQuery, templateMatches } from '../rules/template-search-query.js';
import type { SimulatorRequest } from '../http/simulator-request.js';
import type { WorldStore } from '../world/world-store.js';
import type { TemplateRecord, TemplateVersionRecord } from '../world/world-model.js';
import type { CoderRoute } from './handler-context.js';
import { organizationParameter, pathParameter } from './request-parameters.js';

function byName(first: TemplateRecord, second: TemplateRecord): number {
  return first.name.localeCompare(second.name);
}

function templateParameter(world: WorldStore, request: SimulatorRequest): TemplateRecord {
  const template = world.findTemplate(parseUuidParameter(pathParameter(request, 'template')));
  if (!template) {
    throw resourceNotFound();
  }
  return template;
}

function templateVersionParameter(world: WorldStore, request: SimulatorRequest): TemplateVersionRecord {
  const version = world.findTemplateVersion(parseUuidParameter(pathParameter(request, 'templateversion')));
  if (!version) {
    throw resourceNotFound();
  }
  return version;
}

export const templateRoutes: readonly CoderRoute[] = [
  {
    method: 'GET',
    template: '/api/v2/templates',
    authenticated: true,
    handle: ({ world }, request) => {
      const filter = parseTemplateQuery(request.query.get('q') ?? '', world.generation.exposesHasAiTask);
      return jsonResponse(
        200,
        world.templates
          .filter((template) => !template.deprecated)
          .filter((template) => templateMatches(template, world.requireTemplateVersion(template.activeVersionId), filter))
          .sort(byName)
          .map((template) => templatePayload(world, template)),
      );
    },
  },
  {
    method: 'GET',
    template: '/api/v2/templates/{template}',
    authenticated: true,
    handle: ({ world }, request) => jsonResponse(200, templatePayload(world, templateParameter(world, request))),
  },
  {
    method: 'GET',
    template: '/api/v2/organizations/{organization}/templates',
    authenticated: true,
    handle: ({ world }, request) => {
      const organization = organizationParameter(world, request);
      return jsonResponse(
        200,
        world.templates
          .filter((template) => template.organizationId === organization.id && !template.deprecated)
          .sort(byName)
          .map((template) => templatePayload(world, template)),
      );
    },
  },
  {
    method: 'GET',
    template: '/api/v2/organizations/{organization}/templates/{templatename}',
    authenticated: true,
    handle: ({ world }, request) => {
      const organization = organizationParameter(world, request);
      const template = world.findTemplateByName(organization.id, pathParameter(request, 'templatename'));
      if (!template) {
        throw resourceNotFound();
      }
      return jsonResponse(200, templatePayload(world, template));
    },
  },
  {
    method: 'GET',
    template: '/api/v2/templateversions/{templateversion}',
    authenticated: true,
    handle: ({ world }, request) => jsonResponse(200, templateVersionPayload(world, templateVersionParameter(world, request))),
  },
  {
    method: 'GET',
    template: '/api/v2/templateversions/{templateversion}/rich-parameters',
    authenticated: true,
    handle: ({ world }, request) =>
      jsonResponse(200, templateVersionParameter(world, request).parameters.map(templateParameterPayload)),
  },
  {
    method: 'GET',
    template: '/api/v2/templateversions/{templateversion}/presets',
    authenticated: true,
    handle: ({ world }, request) => jsonResponse(200, templateVersionParameter(world, request).presets.map(presetPayload)),
  },
  {
    method: 'GET',
    template: '/api/v2/templateversions/{templateversion}/resources',
    authenticated: true,
    // coder/coder coderd/templateversions.go templateVersionResources (v2.34.3): the resources of the version's
    // import job (the plan), with agents and their apps (slug, url, subdomain, healthcheck) but no statuses.
    handle: ({ world }, request) =>
      jsonResponse(200, templateVersionResourcesPayload(world, templateVersionParameter(world, request))),
  },
];
