/**
 * Every IPC channel, declared once (after GitHub Desktop's single channel file).
 * Main validates inputs with these schemas; preload and the renderer derive their
 * typed API from the same object, so the three sides cannot drift apart.
 */
import { z } from 'zod';
import type { Access } from './contract-types';
import { queueChannels, queueEvents } from './channels/queue';
import { supervisorChannels } from './channels/supervisor';
import { catalogChannels } from './channels/catalog';
import { applicationChannels } from './channels/applications';
import { nonEmpty, serverUrl } from './limits';
import {
  CatalogSchema,
  LocaleSchema,
  SessionSchema,
  StatusSchema,
} from './models';
import {
  ApplicationViewSchema,
  CreateApplicationInputSchema,
  ListApplicationsInputSchema,
  OutboxViewSchema,
  SetApplicationStatusInputSchema,
} from '../sync/applications';

export type { Access };

interface ChannelDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Calls that do not count as officer activity for the idle lock (status polling). */
  passive?: boolean;
}

const channel = <I extends z.ZodType, O extends z.ZodType>(def: ChannelDef<I, O>) => def;
const empty = z.object({}).strict();

export const SettingsSchema = z.object({
  locale: LocaleSchema,
  serverUrl: z.string().nullable(),
  idleLockMinutes: z.number().int(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const contract = {
  'app.ping': channel({
    input: empty,
    output: z.object({ pong: z.literal(true), at: z.string() }),
    access: 'public',
    passive: true,
  }),
  'app.info': channel({
    input: empty,
    output: z.object({ name: z.string(), version: z.string(), runtime: z.enum(['electron', 'harness']) }),
    access: 'public',
    passive: true,
  }),
  'auth.signIn': channel({
    input: z.object({ username: nonEmpty(64), password: z.string().min(1).max(256) }).strict(),
    output: SessionSchema,
    access: 'public',
  }),
  'auth.signOut': channel({ input: empty, output: z.object({ signedOut: z.literal(true) }), access: 'public' }),
  'auth.session': channel({ input: empty, output: SessionSchema.nullable(), access: 'public', passive: true }),
  'auth.lock': channel({ input: empty, output: SessionSchema, access: 'signedIn' }),
  'auth.unlock': channel({
    input: z.object({ password: z.string().min(1).max(256) }).strict(),
    output: SessionSchema,
    access: 'signedIn',
  }),
  'counter.open': channel({
    input: z
      .object({
        counterId: nonEmpty(64),
        /** The services served here today (a subset of the agency's); absent or empty = all. */
        serviceIds: z.array(nonEmpty(64)).max(500).optional(),
      })
      .strict(),
    output: SessionSchema,
    access: ['officer'],
  }),
  'catalog.get': channel({ input: empty, output: CatalogSchema, access: 'session' }),
  'status.get': channel({ input: empty, output: StatusSchema, access: 'public', passive: true }),
  'sync.now': channel({ input: empty, output: StatusSchema, access: 'session' }),
  /** This installation's changes not yet on the server, and the rejected ones with the server's reason. */
  'sync.pending': channel({ input: empty, output: OutboxViewSchema, access: 'session', passive: true }),
  'sync.dismissRejected': channel({
    input: z.object({ ids: z.array(z.string().min(1).max(64)).max(1000).optional() }).strict(),
    output: z.object({ dismissed: z.number().int().nonnegative() }),
    access: 'session',
  }),
  'applications.create': channel({ input: CreateApplicationInputSchema, output: ApplicationViewSchema, access: ['officer', 'supervisor', 'admin'] }),
  'applications.setStatus': channel({ input: SetApplicationStatusInputSchema, output: ApplicationViewSchema, access: ['officer', 'supervisor', 'admin'] }),
  'applications.list': channel({
    input: ListApplicationsInputSchema,
    output: z.object({ items: z.array(ApplicationViewSchema) }),
    access: ['officer', 'supervisor', 'admin'],
  }),
  'settings.get': channel({ input: empty, output: SettingsSchema, access: 'public', passive: true }),
  'settings.update': channel({
    input: z
      .object({
        locale: LocaleSchema.optional(),
        serverUrl: serverUrl.nullable().optional(),
        idleLockMinutes: z.number().int().min(1).max(120).optional(),
      })
      .strict(),
    output: SettingsSchema,
    access: 'public',
  }),
  'shell.openExternal': channel({
    input: z.object({ url: z.string().max(2048) }).strict(),
    output: z.object({ opened: z.boolean() }),
    access: 'public',
  }),
  'window.openBoard': channel({
    input: z.object({ displayIndex: z.number().int().min(0).max(16).optional() }).strict(),
    output: z.object({ opened: z.boolean(), displays: z.number().int() }),
    access: 'session',
  }),
  /** The SKM survey kiosk (#survey) on the visitor-facing second screen or tablet display. */
  'window.openSurvey': channel({
    input: z.object({ displayIndex: z.number().int().min(0).max(16).optional() }).strict(),
    output: z.object({ opened: z.boolean(), displays: z.number().int() }),
    access: 'session',
  }),
  ...queueChannels,
  ...catalogChannels,
  ...applicationChannels,
  ...supervisorChannels,
} as const;

/** Events pushed from main to the renderer. */
export const events = {
  'status.changed': StatusSchema,
  'session.changed': SessionSchema.nullable(),
  ...queueEvents,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNELS = Object.keys(contract) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export const isChannel = (name: string): name is Channel => Object.prototype.hasOwnProperty.call(contract, name);
export const isEventName = (name: string): name is EventName => Object.prototype.hasOwnProperty.call(events, name);

/** The single Electron IPC channel names used on the wire. */
export const IPC_INVOKE = 'loket:invoke';
export const IPC_EVENT = 'loket:event';
