import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { binaryAnswer, created, noContent, textAnswer } from '../common/contract.js';
import {
  agendaItemInput,
  agendaOrderInput,
  attendanceInput,
  bodyMeetingsAnswer,
  guestInput,
  meetingDetailAnswer,
  meetingInput,
  meetingRolesInput,
  minutesAnswerInput,
  minutesInput,
  minutesReviewInput,
  minutesSavedAnswer,
  pastMeetingInput,
  roundWordInput,
} from './contract.js';
import { meetingCalendar } from './calendar.js';
import { minutesPrintJob } from './minutes-pdf.js';
import * as acts from './acts.js';
import { bodyMeetings, meetingDetail } from './queries.js';
import { eventStreams } from '../server/event-stream.js';
import { inPartnership, withId } from '../server/params.js';

const inMeeting = withId('meetingId');
const guestOfMeeting = inMeeting.extend({ personId: z.uuid({ error: 'error.reference' }) });
const tags = ['meetings'];

/** Most of a meeting's acts answer nothing but their success. */
async function answerNoContent(reply: FastifyReply, act: Promise<unknown>) {
  await act;
  return reply.status(204).send();
}

export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const stream = eventStreams(app);

  app.get(
    '/:partnershipId/bodies/:bodyId/meetings',
    { schema: { tags, summary: 'A body’s meetings, newest first, and who facilitates next by rotation', params: withId('bodyId'), response: { 200: bodyMeetingsAnswer } } },
    async (request) => bodyMeetings(app.store.db, request.act.viewer, request.act.partnershipId, request.params.bodyId, request.act.now),
  );
  app.post(
    '/:partnershipId/meetings',
    { schema: { tags, summary: 'Call a meeting of a body', params: inPartnership, body: meetingInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.scheduleMeeting(request.act, request.body)),
  );
  app.post(
    '/:partnershipId/meetings/past',
    {
      schema: {
        tags,
        summary: 'Record a meeting held before or outside Entente: its day, who was there, its minutes (published as recorded)',
        params: inPartnership,
        body: pastMeetingInput,
        response: created,
      },
    },
    async (request, reply) => reply.status(201).send(await acts.recordPastMeeting(request.act, request.body)),
  );
  app.get(
    '/:partnershipId/meetings/:meetingId',
    { schema: { tags, summary: 'A meeting: agenda, attendance and quorum, decisions taken, minutes', params: inMeeting, response: { 200: meetingDetailAnswer } } },
    async (request) => meetingDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.meetingId, request.act.now),
  );
  app.get(
    '/:partnershipId/meetings/:meetingId/calendar.ics',
    { schema: { tags, summary: 'The meeting as an iCalendar event', params: inMeeting, response: textAnswer('text/calendar') } },
    async (request, reply) => {
      const meeting = await meetingDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.meetingId, request.act.now);
      const ics = meetingCalendar({
        id: meeting.id,
        title: meeting.title,
        bodyName: meeting.body.name,
        startsAt: meeting.startsAt,
        durationMinutes: meeting.durationMinutes,
        place: meeting.place,
        onlineUrl: meeting.onlineUrl,
        agendaTitles: meeting.agenda.map((item) => item.title),
      });
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="reunion.ics"').send(ics);
    },
  );
  app.get(
    '/:partnershipId/meetings/:meetingId/minutes.pdf',
    { schema: { tags, summary: 'The minutes as a PDF', params: inMeeting, response: binaryAnswer('application/pdf') } },
    async (request, reply) => {
      const meeting = await meetingDetail(app.store.db, request.act.viewer, request.act.partnershipId, request.params.meetingId, request.act.now);
      const { locale, act } = request;
      const job = async () => minutesPrintJob(meeting, locale, await app.printing.anchor(act.partnershipId, act.now));
      const pdf =
        meeting.minutesPublishedAt === null
          ? await app.printing.print(await job())
          : await app.printing.kept({ partnershipId: act.partnershipId, subjectId: meeting.id, edition: 'published', locale }, job);
      return reply.type('application/pdf').header('content-disposition', 'attachment; filename="compte-rendu.pdf"').send(pdf);
    },
  );
  app.get(
    '/:partnershipId/meetings/:meetingId/events',
    { schema: { tags, summary: 'Server-sent events: a message each time the meeting changes (agenda, attendance, minutes)', params: inMeeting, response: textAnswer('text/event-stream') } },
    async (request, reply) => stream(request, reply, 'meeting', request.params.meetingId),
  );
  app.put(
    '/:partnershipId/meetings/:meetingId/roles',
    { schema: { tags, summary: 'The facilitator or an administrator: hand facilitation or the minutes to another member', params: inMeeting, body: meetingRolesInput, response: { 204: noContent } } },
    async (request, reply) => answerNoContent(reply, acts.changeMeetingRoles(request.act, request.params.meetingId, request.body)),
  );
  app.post(
    '/:partnershipId/meetings/:meetingId/agenda',
    { schema: { tags, summary: 'Propose an agenda item (information, discussion, or a decision on a proposal)', params: inMeeting, body: agendaItemInput, response: created } },
    async (request, reply) => reply.status(201).send(await acts.addAgendaItem(request.act, request.params.meetingId, request.body)),
  );
  app.put(
    '/:partnershipId/meetings/:meetingId/agenda/order',
    { schema: { tags, summary: 'Facilitator: order the agenda', params: inMeeting, body: agendaOrderInput, response: { 204: noContent } } },
    async (request, reply) => answerNoContent(reply, acts.orderAgenda(request.act, request.params.meetingId, request.body)),
  );
  app.put(
    '/:partnershipId/meetings/:meetingId/attendance',
    { schema: { tags, summary: 'Note a member present, excused, absent or represented, or a guest present or absent', params: inMeeting, body: attendanceInput, response: { 204: noContent } } },
    async (request, reply) => answerNoContent(reply, acts.recordAttendance(request.act, request.params.meetingId, request.body)),
  );
  app.post(
    '/:partnershipId/meetings/:meetingId/guests',
    {
      schema: {
        tags,
        summary: 'Whoever runs the meeting: invite someone who does not sit in the body, saying why; they are convened like members',
        params: inMeeting,
        body: guestInput,
        response: { 204: noContent },
      },
    },
    async (request, reply) => answerNoContent(reply, acts.inviteGuest(request.act, request.params.meetingId, request.body)),
  );
  app.delete(
    '/:partnershipId/meetings/:meetingId/guests/:personId',
    { schema: { tags, summary: 'Whoever runs the meeting: withdraw a guest’s invitation', params: guestOfMeeting, response: { 204: noContent } } },
    async (request, reply) => answerNoContent(reply, acts.removeGuest(request.act, request.params.meetingId, request.params.personId)),
  );
  app.post(
    '/:partnershipId/meetings/:meetingId/advance',
    { schema: { tags, summary: 'Facilitator: move on (opening round, next item, closing round, end)', params: inMeeting, response: { 204: noContent } } },
    async (request, reply) => answerNoContent(reply, acts.advanceMeeting(request.act, request.params.meetingId)),
  );
  app.put(
    '/:partnershipId/meetings/:meetingId/round-word',
    { schema: { tags, summary: 'A member’s word in the opening or closing round', params: inMeeting, body: roundWordInput, response: { 204: noContent } } },
    async (request, reply) => answerNoContent(reply, acts.sayRoundWord(request.act, request.params.meetingId, request.body)),
  );
  app.put(
    '/:partnershipId/meetings/:meetingId/minutes',
    {
      schema: {
        tags,
        summary: 'Secretary: save the draft minutes (Markdown), based on the version read',
        params: inMeeting,
        body: minutesInput,
        response: { 200: minutesSavedAnswer },
      },
    },
    async (request) => acts.saveMinutes(request.act, request.params.meetingId, request.body),
  );
  app.post(
    '/:partnershipId/meetings/:meetingId/minutes/review',
    { schema: { tags, summary: 'Secretary: submit the minutes to the attendees until a date', params: inMeeting, body: minutesReviewInput, response: { 204: noContent } } },
    async (request, reply) => {
      await acts.openMinutesReview(request.act, request.params.meetingId, request.body);
      return reply.status(204).send();
    },
  );
  app.put(
    '/:partnershipId/meetings/:meetingId/minutes/review',
    { schema: { tags, summary: 'Attendee: approve the minutes read, or ask for an amendment', params: inMeeting, body: minutesAnswerInput, response: { 204: noContent } } },
    async (request, reply) => answerNoContent(reply, acts.answerMinutesReview(request.act, request.params.meetingId, request.body)),
  );
  app.post(
    '/:partnershipId/meetings/:meetingId/minutes/publish',
    { schema: { tags, summary: 'Publish the minutes: locked, journaled, sent to the body and the body above it', params: inMeeting, response: { 204: noContent } } },
    async (request, reply) => answerNoContent(reply, acts.publishMinutes(request.act, request.params.meetingId)),
  );
};
