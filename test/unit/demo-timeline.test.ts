import { describe, expect, it } from 'vitest';
import { timeline } from '../../src/demo/timeline.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, n));

describe('storylines told side by side', () => {
  it('runs their acts in the order of their moments, one at a time', async () => {
    const story = timeline();
    const told: string[] = [];
    let running = 0;
    const act = async (name: string, when: Date) => {
      await story.at(when);
      running += 1;
      expect(running).toBe(1);
      // An act takes a while: no other storyline may run meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 1));
      told.push(name);
      running -= 1;
    };
    await story.tell([
      async () => {
        await act('a1', day(1));
        await act('a5', day(5));
        await act('a6', day(6));
      },
      async () => {
        await act('b2', day(2));
        await act('b5', day(5));
      },
      async () => {
        await act('c3', day(3));
      },
    ]);
    expect(told).toEqual(['a1', 'b2', 'c3', 'a5', 'b5', 'a6']);
  });

  it('refuses a storyline that goes back in time, and stops the others', async () => {
    const story = timeline();
    const told: string[] = [];
    const telling = story.tell([
      async () => {
        await story.at(day(4));
        told.push('a4');
        await story.at(day(2));
        told.push('a2');
      },
      async () => {
        await story.at(day(6));
        told.push('b6');
      },
    ]);
    await expect(telling).rejects.toThrow(/goes back in time/);
    expect(told).toEqual(['a4']);
  });
});
