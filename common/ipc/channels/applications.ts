/**
 * Applications feature channels (spread into common/ipc/contract.ts): document scans (chunked
 * upload, see main/documents/uploads.ts for why chunks), registration, search, the audited full
 * record, status changes on the copy the officer saw, corrections, receipts.
 */
import { z } from 'zod';
import {
  ApplicationDetailSchema,
  PrintReceiptOutputSchema,
  RegisterInputSchema,
  SearchInputSchema,
  SearchResultSchema,
} from '../../applications/application';
import { BeginUploadInputSchema, DocumentViewSchema, DraftIdSchema, UploadChunkInputSchema } from '../../documents/document';
import { ApplicationStatusSchema, MAX_REASON_LENGTH } from '../../domain/applications/status';
import { id } from '../limits';
import type { Access } from '../contract-types';

const staff: Access = ['officer', 'supervisor', 'admin'];
const appId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
const docId = z.string().uuid();

export const applicationChannels = {
  'documents.beginUpload': { input: BeginUploadInputSchema, output: z.object({ uploadId: z.string(), chunkBytes: z.number().int() }), access: staff },
  'documents.uploadChunk': { input: UploadChunkInputSchema, output: z.object({ received: z.number().int() }), access: staff },
  'documents.finishUpload': { input: z.object({ uploadId: z.string().uuid() }).strict(), output: DocumentViewSchema, access: staff },
  'documents.cancelUpload': { input: z.object({ uploadId: z.string().uuid() }).strict(), output: z.object({ cancelled: z.literal(true) }), access: staff },
  'documents.list': {
    input: z
      .object({ draftId: DraftIdSchema.optional(), applicationId: appId.optional() })
      .strict()
      .refine((v) => !!v.draftId !== !!v.applicationId, { message: 'give draftId or applicationId' }),
    output: z.object({ items: z.array(DocumentViewSchema) }),
    access: staff,
  },
  'documents.read': {
    input: z.object({ id: docId, offset: z.number().int().min(0).max(2 ** 31) }).strict(),
    output: z.object({ data: z.string(), offset: z.number().int(), total: z.number().int(), mime: z.string(), sha256: z.string() }),
    access: staff,
  },
  'documents.rotate': {
    input: z.object({ id: docId, rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]) }).strict(),
    output: DocumentViewSchema,
    access: staff,
  },
  'documents.remove': { input: z.object({ id: docId }).strict(), output: z.object({ removed: z.literal(true) }), access: staff },

  'applications.register': { input: RegisterInputSchema, output: ApplicationDetailSchema, access: staff },
  'applications.search': { input: SearchInputSchema, output: SearchResultSchema, access: staff },
  /** The full record, NIK included: access-checked and written to the access log. */
  'applications.open': { input: z.object({ id: appId }).strict(), output: ApplicationDetailSchema, access: staff },
  'applications.transition': {
    input: z
      .object({ id: appId, to: ApplicationStatusSchema, reason: z.string().trim().max(MAX_REASON_LENGTH).nullable().optional(), expectedStatus: ApplicationStatusSchema })
      .strict(),
    output: ApplicationDetailSchema,
    access: staff,
  },
  'applications.update': {
    input: z
      .object({
        id: appId,
        baseVersion: z.number().int().min(0),
        applicantName: z.string().trim().min(1).max(200).optional(),
        applicantPhone: z.string().trim().max(30).nullable().optional(),
        notes: z.string().max(1000).nullable().optional(),
      })
      .strict(),
    output: ApplicationDetailSchema,
    access: staff,
  },
  'applications.printReceipt': { input: z.object({ id: appId }).strict(), output: PrintReceiptOutputSchema, access: staff },
  'applications.accessLog': {
    input: z.object({ id: appId }).strict(),
    output: z.object({ entries: z.array(z.object({ officerName: z.string(), at: z.string(), purpose: z.string() })) }),
    access: ['supervisor', 'admin'],
  },
  /** The ticket a registration starts from (counter hand-off), for the header of the verification screen. */
  'applications.ticket': {
    input: z.object({ ticketId: id }).strict(),
    output: z.object({ id: z.string(), number: z.string(), serviceId: z.string(), agencyId: z.string() }).nullable(),
    access: staff,
  },
} as const;
