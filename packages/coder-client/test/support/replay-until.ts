// Reads a recorded sequence of answers (a build moving on, an agent settling) until a condition holds.

/**
 * Calls `read` until `isDone` accepts its value; each call replays the next recorded answer, so
 * there is no waiting, only a bound on how many answers are read.
 */
export async function replayUntil<Value>(read: () => Promise<Value>, isDone: (value: Value) => boolean, bound = 30): Promise<Value> {
  for (let attempt = 0; attempt < bound; attempt += 1) {
    const value = await read();
    if (isDone(value)) {
      return value;
    }
  }
  throw new Error(`the condition did not hold within ${bound} recorded answers`);
}
