// Renders a template version's rich parameters as codersdk.TemplateVersionParameter.
import type { ParameterRecord } from '../world/world-model.js';

export function templateParameterPayload(parameter: ParameterRecord): Record<string, unknown> {
  return {
    name: parameter.name,
    display_name: parameter.displayName,
    description: parameter.description,
    description_plaintext: parameter.description,
    type: parameter.type,
    form_type: parameter.formType,
    mutable: parameter.mutable,
    default_value: parameter.defaultValue,
    icon: parameter.icon,
    options: parameter.options.map((option) => ({
      name: option.name,
      description: option.description,
      value: option.value,
      icon: option.icon,
    })),
    required: parameter.required,
    ephemeral: parameter.ephemeral,
  };
}
