/**
 * Storylines told side by side, their acts run in the order of their moments: each storyline is
 * an async function that waits for the moment of each of its acts (`at`), which comes once no
 * storyline has an earlier act left to run. One storyline runs at a time, from the moment it is
 * given until it waits for its next, so its act and what it reads between two moments are never
 * mixed with another's. Acts at the same moment run in the order they were waited for.
 *
 * A storyline must start by waiting for its first moment, and may not go back in time.
 */
export function timeline() {
  const waiting: { when: number; resume: () => void }[] = [];
  let running = 0;
  let current = Number.NEGATIVE_INFINITY;
  let failed = false;

  const resumeEarliest = () => {
    if (running > 0 || failed || waiting.length === 0) return;
    // Sorting is stable: of two acts at the same moment, the one waited for first goes first.
    waiting.sort((a, b) => a.when - b.when);
    const earliest = waiting.shift()!;
    current = earliest.when;
    running = 1;
    earliest.resume();
  };

  /** Waits until every storyline's earlier acts have run. */
  const at = (when: Date): Promise<void> => {
    // An `at` not awaited would let two storylines run at once: refuse it rather than interleave.
    if (running < 1) return Promise.reject(new Error('a storyline waits for its moment while another runs: await each `at`'));
    if (when.getTime() < current) {
      return Promise.reject(new Error(`a storyline goes back in time: ${when.toISOString()} after ${new Date(current).toISOString()}`));
    }
    return new Promise((resume) => {
      waiting.push({ when: when.getTime(), resume });
      running -= 1;
      resumeEarliest();
    });
  };

  /** Tells the storylines, each waiting for its moments with `at`; the first to fail stops them all. */
  const tell = async (storylines: readonly (() => Promise<void>)[]): Promise<void> => {
    running = storylines.length;
    await Promise.all(
      storylines.map(async (storyline) => {
        try {
          await storyline();
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          running -= 1;
          resumeEarliest();
        }
      }),
    );
  };

  return { at, tell };
}
