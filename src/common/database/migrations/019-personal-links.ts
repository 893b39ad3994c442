/**
 * A link that opens an account (a sign-in link, an invitation) is for its addressee alone. The
 * database keeps only its digest (`magic_link`, `invitation`); the mail that carries it keeps in
 * `outbox_message.body` a text that says the link went to the addressee, and the text with the
 * link lives apart, in a table no backup reads, only until the mail is delivered. An invitation's
 * text may stay there while the invitation is open: without SMTP, those who may invite the person
 * read it on the Messages page and pass it on.
 *
 * Mails written before this kept their link in their body: those not yet sent move it here, and
 * every body loses the key after `#`, so no backup taken from now on holds one.
 */
export const personalLinks: readonly string[] = [
  `create table outbox_personal_body (
    message_id uuid primary key references outbox_message(id) on delete cascade,
    body text not null,
    invitation_token_hash text references invitation(token_hash) on delete cascade
  )`,
  String.raw`insert into outbox_personal_body (message_id, body)
     select id, body from outbox_message where sent_at is null and body ~ '/(invitation|connexion/lien)#'`,
  String.raw`update outbox_message set body = regexp_replace(body, '(/invitation|/connexion/lien)#[A-Za-z0-9_-]+', '\1', 'g')
     where body ~ '/(invitation|connexion/lien)#'`,
];
