import type { FastifyReply } from 'fastify';
import { servedType } from './rules.js';

/**
 * A shared document leaves as a download, never shown in the page: an attachment, of the type its
 * content was checked to be, which the browser may not second-guess (nosniff), and which runs
 * nothing even if opened in a tab (a sandbox without scripts). The public pages send the
 * published ones the same way.
 */
export function sendDocument(reply: FastifyReply, file: { readonly file_name: string; readonly content_type: string; readonly content: Uint8Array }) {
  return reply
    .type(servedType(file.content_type))
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .send(Buffer.from(file.content));
}
