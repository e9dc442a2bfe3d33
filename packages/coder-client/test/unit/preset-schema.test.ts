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
    const preset = PresetSchema.parse({
      id: 'p2',
      name: 'Reviewer',
      parameters: [{ name: 'system_prompt', value: 'You review.' }],
      default: false,
      description: 'Reviews changes.',
      icon: '/emojis/1f50e.png',
      desiredPrebuildInstances: 2,
    });

    expect(preset).toEqual({
      ID: 'p2',
      Name: 'Reviewer',
      Default: false,
      Description: 'Reviews changes.',
      Icon: '/emojis/1f50e.png',
      DesiredPrebuildInstances: 2,
      Parameters: [{ Name: 'system_prompt', Value: 'You review.' }],
    });
  });

  it('keeps the capitalised field where a body has both forms', () => {
    const preset = PresetSchema.parse({ ID: 'p4', Name: 'Capitalised', name: 'lower case', Parameters: [] });

    expect(preset).toMatchObject({ Name: 'Capitalised', name: 'lower case' });
  });

  it.each([null, 'Implementer', [{ ID: 'p5', Name: 'In a list' }]])('refuses %j as a preset, as a whole', (value) => {
    const result = PresetSchema.safeParse(value);

    expect(result.error?.issues.map((issue) => issue.path)).toEqual([[]]);
  });

  it('reads null parameters as none', () => {
    expect(PresetSchema.parse({ ID: 'p3', Name: 'Bare', Parameters: null }).Parameters).toEqual([]);
  });
});
