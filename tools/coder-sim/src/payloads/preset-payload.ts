// Renders a preset as Coder sends codersdk.Preset: the struct has no JSON tags, so the field names are capitalised.
import type { PresetRecord } from '../world/world-model.js';

export function presetPayload(preset: PresetRecord): Record<string, unknown> {
  return {
    ID: preset.id,
    Name: preset.name,
    Parameters: preset.parameters.map((parameter) => ({ Name: parameter.name, Value: parameter.value })),
    Default: preset.isDefault,
    DesiredPrebuildInstances: null,
    Description: preset.description,
    Icon: preset.icon,
  };
}
