// Puts every test of the enclosing describe on jest's fake timers, and back on real ones after it.
import { jest } from '@jest/globals';

export function useFakeTimersInEachTest(config?: Parameters<typeof jest.useFakeTimers>[0]): void {
  beforeEach(() => {
    jest.useFakeTimers(config);
  });
  afterEach(() => {
    jest.useRealTimers();
  });
}
