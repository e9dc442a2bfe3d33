// Resolves a build's rich parameter values from defaults, earlier builds, the request and the preset, as Coder does.
import { CoderHttpError } from '../http/coder-error.js';
import type { NameValue, ParameterRecord, PresetRecord, TemplateVersionRecord } from './world-model.js';

function parameterError(parameter: ParameterRecord, detail: string): CoderHttpError {
  return new CoderHttpError(400, { message: `Unable to validate parameter "${parameter.name}"`, detail });
}

function checkValue(parameter: ParameterRecord, value: string): void {
  if (parameter.required && value === '') {
    throw parameterError(parameter, `required parameter value is missing for "${parameter.name}"`);
  }
  if (value === '') {
    return;
  }
  if (parameter.type === 'number' && !Number.isFinite(Number(value))) {
    throw parameterError(parameter, `parameter value "${value}" is not a number`);
  }
  if (parameter.options.length > 0 && !parameter.options.some((option) => option.value === value)) {
    const allowed = parameter.options.map((option) => option.value).join(', ');
    throw parameterError(parameter, `parameter value "${value}" must be one of: ${allowed}`);
  }
}

/** Preset values win over requested ones, which win over the previous build's, which win over defaults. */
export function resolveBuildParameters(
  version: TemplateVersionRecord,
  preset: PresetRecord | null,
  requested: readonly NameValue[],
  previous: readonly NameValue[],
): NameValue[] {
  const layers = [previous, requested, preset?.parameters ?? []];
  return version.parameters.map((parameter) => {
    let value = parameter.required ? '' : parameter.defaultValue;
    for (const layer of layers) {
      const supplied = layer.find((candidate) => candidate.name === parameter.name);
      if (supplied) {
        value = supplied.value;
      }
    }
    checkValue(parameter, value);
    return { name: parameter.name, value };
  });
}
