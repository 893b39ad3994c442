import { sql, type Transaction } from 'kysely';
import type { Database } from '../../common/database/schema.js';
import { formatMeetingTime, translator } from '../../i18n/server-messages.js';
import { recipientsAmong, tell } from '../../participation/calls.js';
import type { NoticeWriter, NoticeWriters } from '../../participation/notices.js';
import { dayCalendar } from './calendar.js';

type Trx = Transaction<Database>;

/** The web address of a day's page; a mail's button to it signs its addressee in, outsiders included. */
export const dayPath = (partnershipId: string, accompanimentId: string, dayId: string) => `/p/${partnershipId}/accompagnements/${accompanimentId}/journees/${dayId}`;

async function dayFacts(trx: Trx, dayId: string) {
  const day = await trx
    .selectFrom('accompaniment_day as d')
    .innerJoin('accompaniment as a', 'a.id', 'd.accompaniment_id')
    .select(['d.id', 'd.accompaniment_id', 'd.title', 'd.starts_at', 'd.ends_at', 'd.place', 'd.created_by', 'a.title as accompaniment_title'])
    .where('d.id', '=', dayId)
    .executeTakeFirstOrThrow();
  const [programme, members] = await Promise.all([
    trx.selectFrom('accompaniment_day_item').select(['title', 'minutes']).where('day_id', '=', dayId).orderBy('position').execute(),
    trx.selectFrom('accompaniment_member').select('person_id').where('accompaniment_id', '=', day.accompaniment_id).execute(),
  ]);
  return { ...day, programme, memberIds: members.map((member) => member.person_id) };
}

/**
 * How many times the day changed before this act: the journal counts them, sealed or still
 * pending, in one statement so an entry being sealed is counted once. Its calendar event carries
 * the count as SEQUENCE, without which a calendar may keep the former time.
 */
async function changesBefore(trx: Trx, partnershipId: string, dayId: string): Promise<number> {
  const { rows } = await sql<{ changes: number }>`
    select (
      (select count(*) from journal_entry where partnership_id = ${partnershipId} and kind = 'accompaniment.dayChanged' and payload->>'dayId' = ${dayId})
      + (select count(*) from journal_pending where partnership_id = ${partnershipId} and kind = 'accompaniment.dayChanged' and payload->>'dayId' = ${dayId})
    )::integer as changes`.execute(trx);
  return rows[0]!.changes;
}

/**
 * The members of the space, outsiders included, are convened to a day scheduled, and told again
 * when it changes, each mail carrying the day as a calendar event; whoever scheduled it is not.
 */
const convene =
  (changed: boolean): NoticeWriter =>
  async (trx, scope, event) => {
    const day = await dayFacts(trx, String(event.payload['dayId']));
    // This act's own change is not in the journal yet (written after the notices).
    const sequence = changed ? (await changesBefore(trx, scope.partnershipId, day.id)) + 1 : 0;
    const recipients = await recipientsAmong(
      trx,
      day.memberIds.filter((personId) => personId !== day.created_by),
    );
    await tell(trx, scope, recipients, (recipient) => {
      const t = translator(recipient.locale);
      const when = formatMeetingTime(recipient.locale, day.starts_at);
      const params = { title: day.title, space: day.accompaniment_title, date: when };
      const calendar = dayCalendar(
        { id: day.id, sequence, accompanimentTitle: day.accompaniment_title, title: day.title, startsAt: day.starts_at, endsAt: day.ends_at, place: day.place, programme: day.programme },
        (minutes) => t('accompaniment.day.mail.minutes', { minutes }),
      );
      return {
        kind: 'information',
        subject: t(changed ? 'accompaniment.day.mail.changedSubject' : 'accompaniment.day.mail.scheduledSubject', params),
        deadline: null,
        reason: t('accompaniment.day.mail.reason', params),
        section: {
          paragraphs: [t(changed ? 'accompaniment.day.mail.changed' : 'accompaniment.day.mail.scheduled', params)],
          facts: [
            { label: t('accompaniment.day.mail.when'), value: `${when} – ${formatMeetingTime(recipient.locale, day.ends_at)}` },
            ...(day.place === '' ? [] : [{ label: t('accompaniment.day.mail.where'), value: day.place }]),
            ...(day.programme.length === 0 ? [] : [{ label: t('accompaniment.day.mail.programme'), value: day.programme.map((item) => item.title).join(' ; ') }]),
          ],
          action: { label: t('accompaniment.day.mail.open'), path: dayPath(scope.partnershipId, day.accompaniment_id, day.id) },
        },
        calendar,
      };
    });
  };

export const dayNotices: NoticeWriters = {
  'accompaniment.dayScheduled': convene(false),
  'accompaniment.dayChanged': convene(true),
};
