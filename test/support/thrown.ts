/** What `act` threw, for assertions on the error's fields; the test fails when nothing was thrown. */
export function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}
