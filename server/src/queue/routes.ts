/**
 * Queue routes (v1). Front desk: issue, booking check-in, cancel. Counters (officers of the
 * counter's agency; supervisors and admins anywhere): call-next (the atomic claim), call a
 * chosen ticket, ticket events, walk-in, pause/resume, notes, state. Everyone signed in:
 * config, overview, board. No auth: the public queue status (counts and numbers only).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { id } from '../../../common/ipc/limits';
import { LoketError } from '../../../common/ipc/result';
import { API_PREFIX } from '../../../common/server-api/auth';
import {
  CallTicketRequestSchema,
  CheckInRequestSchema,
  CounterRequestSchema,
  CreateBookingRequestSchema,
  IssueTicketRequestSchema,
  NoteRequestSchema,
  PauseRequestSchema,
  ResumeRequestSchema,
  TicketEventRequestSchema,
  WalkInRequestSchema,
} from '../../../common/server-api/queue';
import { OutboxEntrySchema, MAX_PUSH_ENTRIES } from '../../../common/sync/protocol';
import { requireOfficer } from '../auth/guard';
import type { ServerContext } from '../http/context';
import { parseInput } from '../http/validate';
import { cancelBooking, createBooking, findBooking } from './bookings';
import { loadQueueConfig } from './config';
import { applyQueueIntents } from './intents';
import { createQueueCatalogCache, QueueStore, type Act } from './queue-store';
import { loadBoard, loadOverview, loadPublicStatus } from './views';

const CounterParams = z.object({ counterId: id }).strict();
const TicketParams = z.object({ ticketId: id }).strict();
const IntentsRequestSchema = z.object({ installationId: z.string().min(1).max(64), entries: z.array(OutboxEntrySchema).min(1).max(MAX_PUSH_ENTRIES) }).strict();
const StateQuery = z.object({ services: z.string().max(5000).optional() }).strict();

/** Per-address budget of the public endpoint; answers are also cached for a moment. */
export const PUBLIC_RATE = { perMinute: 60, cacheMs: 2000 } as const;

class FixedWindowLimiter {
  private readonly hits = new Map<string, { windowStart: number; n: number }>();
  constructor(private readonly limit: number, private readonly windowMs: number) {}
  /** Seconds to wait, or 0 when allowed. */
  take(key: string, now: number): number {
    if (this.hits.size > 10_000) {
      for (const [k, v] of this.hits) if (now - v.windowStart >= this.windowMs) this.hits.delete(k);
    }
    const h = this.hits.get(key);
    if (!h || now - h.windowStart >= this.windowMs) {
      this.hits.set(key, { windowStart: now, n: 1 });
      return 0;
    }
    h.n += 1;
    return h.n > this.limit ? Math.ceil((h.windowStart + this.windowMs - now) / 1000) : 0;
  }
}

export function registerQueueRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { db, guard, now } = ctx;
  const catalog = createQueueCatalogCache();
  ctx.caches.add(() => {
    catalog.counters.clear();
    catalog.services.clear();
    catalog.settings.clear();
  });
  const store = new QueueStore(db, catalog);
  const P = `${API_PREFIX}/queue`;
  const act = (request: FastifyRequest): Act => ({ officer: requireOfficer(request), now: now().toISOString(), source: 'online' });
  const counterRoles = { onRequest: [guard.authenticate, guard.requireRoles('officer', 'supervisor', 'admin')] };
  const frontdeskRoles = { onRequest: [guard.authenticate, guard.requireRoles('frontdesk', 'admin', 'supervisor')] };
  const anyRole = { onRequest: guard.authenticate };

  app.get(`${P}/config`, anyRole, async () => loadQueueConfig(db));
  app.get(`${P}/overview`, anyRole, async () => loadOverview(db, now().toISOString()));
  app.get(`${P}/board`, anyRole, async () => loadBoard(db, now().toISOString()));

  app.post(`${P}/tickets`, frontdeskRoles, async (request) => {
    const body = parseInput(IssueTicketRequestSchema, request.body);
    return store.issue({ ...(body.id ? { id: body.id } : {}), serviceId: body.serviceId, category: body.category, channel: body.channel ?? 'frontdesk' }, act(request));
  });
  // Online bookings: created by the booking portal's account (frontdesk/supervisor/admin role).
  const BookingParams = z.object({ code: z.string().trim().min(1).max(32) }).strict();
  app.post(`${P}/bookings`, frontdeskRoles, async (request, reply) => {
    const body = parseInput(CreateBookingRequestSchema, request.body);
    const res = await createBooking(db, { id: body.id, serviceId: body.serviceId, category: body.category ?? 'normal', slotAt: body.slotAt }, now());
    reply.code(res.created ? 201 : 200);
    return { booking: res.booking };
  });
  app.get(`${P}/bookings/:code`, frontdeskRoles, async (request) => {
    const { code } = parseInput(BookingParams, request.params, 'params');
    return { booking: await findBooking(db, code) };
  });
  app.post(`${P}/bookings/:code/cancel`, frontdeskRoles, async (request) => {
    const { code } = parseInput(BookingParams, request.params, 'params');
    parseInput(z.object({}).strict(), request.body ?? {});
    return { booking: await cancelBooking(db, code) };
  });
  app.post(`${P}/bookings/check-in`, frontdeskRoles, async (request) => {
    const body = parseInput(CheckInRequestSchema, request.body);
    return store.checkInBooking(body.code, act(request));
  });

  app.get(`${P}/counters/:counterId/state`, counterRoles, async (request) => {
    const { counterId } = parseInput(CounterParams, request.params, 'params');
    const q = parseInput(StateQuery, request.query, 'query');
    const services = q.services ? q.services.split(',').filter(Boolean) : undefined;
    return store.state(counterId, services, act(request));
  });
  app.post(`${P}/counters/:counterId/call-next`, counterRoles, async (request) => {
    const { counterId } = parseInput(CounterParams, request.params, 'params');
    const body = parseInput(CounterRequestSchema, request.body ?? {});
    return body.view === 'lean' ? store.claimNext(counterId, body.serviceIds, act(request)) : store.callNext(counterId, body.serviceIds, act(request));
  });
  app.post(`${P}/counters/:counterId/call`, counterRoles, async (request) => {
    const { counterId } = parseInput(CounterParams, request.params, 'params');
    const body = parseInput(CallTicketRequestSchema, request.body);
    return store.callTicket(counterId, body.ticketId, body.serviceIds, act(request));
  });
  app.post(`${P}/counters/:counterId/walk-in`, counterRoles, async (request) => {
    const { counterId } = parseInput(CounterParams, request.params, 'params');
    const body = parseInput(WalkInRequestSchema, request.body);
    return store.walkIn(counterId, { id: body.id, serviceId: body.serviceId, note: body.note ?? null }, body.serviceIds, act(request));
  });
  app.post(`${P}/counters/:counterId/pause`, counterRoles, async (request) => {
    const { counterId } = parseInput(CounterParams, request.params, 'params');
    const body = parseInput(PauseRequestSchema, request.body);
    return store.pause(counterId, body.reason, body.note ?? null, body.serviceIds, act(request));
  });
  app.post(`${P}/counters/:counterId/resume`, counterRoles, async (request) => {
    const { counterId } = parseInput(CounterParams, request.params, 'params');
    const body = parseInput(ResumeRequestSchema, request.body ?? {});
    return store.resume(counterId, body.serviceIds, act(request));
  });

  app.post(`${P}/tickets/:ticketId/events`, { onRequest: guard.authenticate }, async (request) => {
    const { ticketId } = parseInput(TicketParams, request.params, 'params');
    const body = parseInput(TicketEventRequestSchema, request.body);
    const a = act(request);
    if (a.officer.role !== 'frontdesk' && a.officer.role !== 'admin' && a.officer.role !== 'supervisor' && a.officer.role !== 'officer') {
      throw new LoketError('FORBIDDEN', 'Peran Anda tidak diizinkan melakukan ini.', 'Your role is not allowed to do this.');
    }
    return store.applyEvent(ticketId, body.counterId, body.event, body.serviceIds, a, body.view ?? 'full');
  });
  app.post(`${P}/tickets/:ticketId/note`, counterRoles, async (request) => {
    const { ticketId } = parseInput(TicketParams, request.params, 'params');
    const body = parseInput(NoteRequestSchema, request.body);
    return store.note(ticketId, body.text, act(request));
  });

  /** Offline intents of a counter's outbox (see intents.ts). */
  app.post(`${P}/intents`, anyRole, async (request) => {
    const body = parseInput(IntentsRequestSchema, request.body);
    const results = await applyQueueIntents(db, body.entries, requireOfficer(request), body.installationId, now());
    return { results, serverTime: now().toISOString() };
  });

  // Public, read-only: counts and ticket numbers, never personal data.
  const limiter = new FixedWindowLimiter(PUBLIC_RATE.perMinute, 60_000);
  let cached: { at: number; body: Awaited<ReturnType<typeof loadPublicStatus>> } | null = null;
  app.get(`${API_PREFIX}/public/queue-status`, async (request, reply) => {
    const t = now().getTime();
    const wait = limiter.take(request.ip, Date.now());
    if (wait > 0) {
      throw new LoketError('RATE_LIMITED', `Terlalu banyak permintaan. Coba lagi dalam ${wait} detik.`, `Too many requests. Try again in ${wait} seconds.`, { retryAfterSeconds: wait });
    }
    if (!cached || Math.abs(t - cached.at) > PUBLIC_RATE.cacheMs) cached = { at: t, body: await loadPublicStatus(db, now().toISOString()) };
    reply.header('access-control-allow-origin', '*');
    return cached.body;
  });
}
