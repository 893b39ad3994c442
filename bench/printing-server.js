// The server of bench/printing.js, in its own process: a partnership whose steering committee held
// eight meetings with draft minutes and eight with published minutes, each as long as minutes may be.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../dist/server/server/app.js';
import { MINUTES_MAX_LENGTH } from '../dist/server/meetings/rules.js';
import { createAccountWithPassword, openSession } from '../dist/server/accounts/acts.js';
import { createPartnership } from '../dist/server/partnerships/acts.js';
import { openStore } from '../dist/server/common/database/database.js';
import { migrateToLatest } from '../dist/server/common/database/migrate.js';

const MEETINGS = 8;
const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'entente-bench-printing-')) });
await migrateToLatest(store.db);
const now = new Date();
const accountId = await createAccountWithPassword(store.db, `bench-${randomUUID()}@example.org`, 'bench password 123');
const { partnershipId, adminPersonId } = await createPartnership(
  store.db,
  { name: `Bench ${randomUUID()}`, admin: { fullName: 'Bench Admin', email: `admin-${randomUUID()}@example.org`, accountId } },
  now,
);
const bodyId = randomUUID();
await store.db
  .insertInto('body')
  .values({ id: bodyId, partnership_id: partnershipId, parent_body_id: null, name: 'Comité de pilotage', kind: 'steering', purpose: '', delegates_per_organization: null, min_referents_per_organization: null, min_size: null, max_size: null })
  .execute();

/** Minutes as a secretary writes them, headings, emphasis and lists, to the longest allowed. */
function longestMinutes() {
  const sections = [];
  for (let item = 1; sections.join('\n\n').length < MINUTES_MAX_LENGTH; item += 1) {
    sections.push(
      `## Point ${item} : bilan des sorties et budget des maisons\n\n` +
        'Le comité entend **chaque maison** sur les sorties de l’été. La MJC des Tilleuls a conduit *quarante familles* au bord de la mer ; ' +
        'le Centre social du Moulin propose de partager le car et de réserver plus tôt l’an prochain.\n\n' +
        '- Car loué au Moulin, cinquante places\n- Départ 8 h, retour 19 h\n- Pique-nique offert par la maison porteuse\n\n' +
        '> Le comité retient la proposition et demande un devis avant la prochaine réunion.',
    );
  }
  return sections.join('\n\n').slice(0, MINUTES_MAX_LENGTH);
}
const minutes = longestMinutes();
const meeting = (published) => ({
  id: randomUUID(),
  partnership_id: partnershipId,
  body_id: bodyId,
  title: published ? 'Comité publié' : 'Comité en cours',
  starts_at: now,
  duration_minutes: 120,
  place: 'Salle polyvalente',
  online_url: null,
  facilitator_id: adminPersonId,
  secretary_id: adminPersonId,
  minutes,
  ...(published && { minutes_published_at: now }),
  created_by: adminPersonId,
  created_at: now,
});
const drafts = Array.from({ length: MEETINGS }, () => meeting(false));
const published = Array.from({ length: MEETINGS }, () => meeting(true));
await store.db.insertInto('meeting').values([...drafts, ...published]).execute();

const session = await openSession(store.db, accountId, now);
const app = await buildApp(store, { publicUrl: 'http://localhost', signInAttemptsPerMinute: 10, secureCookies: false, logger: false });
// The least a route can do: what the event loop alone costs, beside /health, which asks the database.
app.get('/bench/bare', async () => ({ ok: true }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const minutesPath = (m) => `/api/v1/partnerships/${partnershipId}/meetings/${m.id}/minutes.pdf`;

process.send({ address, cookie: `entente_session=${session.token}`, minutesLength: minutes.length, draftPaths: drafts.map(minutesPath), publishedPaths: published.map(minutesPath) });

process.on('message', async (message) => {
  if (message === 'stop') {
    await app.close();
    await store.close();
    process.exit(0);
  }
});
