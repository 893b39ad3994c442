import { randomUUID } from 'node:crypto';
import { charterFromTemplate } from '../../src/charters/rules/templates.js';

/** The four bodies of seed 001, with fresh ids, and the partnership template linked to them. */
export function seed001Charter() {
  const bodies = { plenary: randomUUID(), steering: randomUUID(), directors: randomUUID(), group: randomUUID() };
  const content = charterFromTemplate('partnership', {
    locale: 'fr',
    bodies: [
      { id: bodies.plenary, kind: 'plenary' },
      { id: bodies.steering, kind: 'steering' },
      { id: bodies.directors, kind: 'directors' },
      { id: bodies.group, kind: 'working_group' },
    ],
    newId: randomUUID,
  });
  return { ...bodies, content };
}
