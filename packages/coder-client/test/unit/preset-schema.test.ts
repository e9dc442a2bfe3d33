// Tests that presets read both the capitalised wire form and the API description's lower case.
import { PresetSchema } from '../../src/index.js';

describe('PresetSchema', () => {
  it('reads the capitalised fields a real v2.27.1 sends', () => {
    const preset = PresetSchema.parse({
      ID: 'p1',
      Name: 'Implementer',
      Parameters: [{ Name: 'system_prompt', Value: 'You implement.' }],
      Default: true,
      DesiredPrebuildInstances: null,
    });

    expect(preset).toMatchObject({ ID: 'p1', Name: 'Implementer', Default: true, Parameters: [{ Name: 'system_prompt', Value: 'You implement.' }] });
  });

  it('reads the lower-case fields of the API description into the same shape', () => {
    const preset = PresetSchema.parse({ id: 'p2', name: 'Reviewer', parameters: [{ name: 'system_prompt', value: 'You review.' }], default: false });

    expect(preset).toMatchObject({ ID: 'p2', Name: 'Reviewer', Default: false, Parameters: [{ Name: 'system_prompt', Value: 'You review.' }] });
  });

  it('reads null parameters as none', () => {
    expect(PresetSchema.parse({ ID: 'p3', Name: 'Bare', Parameters: null }).Parameters).toEqual([]);
  });
});
