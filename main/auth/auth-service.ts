/**
 * Officer sign-in. The central server decides first; when it cannot be reached the
 * locally cached verifier of the last server-accepted password signs the officer in
 * offline. Wrong passwords are throttled locally in both cases.
 */
import { z } from 'zod';
import { LoketError, isLoketError } from '../../common/ipc/result';
import { LoginResponseSchema } from '../../common/server-api/auth';
import type { Access } from '../../common/ipc/contract';
import type { Officer, Session } from '../../common/ipc/models';
import type { Logger } from '../../node-shared/logger';
import type { ServerClient } from '../server-link/server-client';
import type { SettingsStore } from '../settings/settings-store';
import type { CatalogService } from '../catalog/catalog-service';
import type { EventBus } from '../ipc/event-bus';
import type { CredentialCache } from './credential-cache';
import type { SignInThrottle } from './throttle';
import { isIdleExpired, toView, type ActiveSession } from './session-store';

export interface AuthDeps {
  server: ServerClient;
  cache: CredentialCache;
  throttle: SignInThrottle;
  settings: SettingsStore;
  catalog: CatalogService;
  events: EventBus;
  log: Logger;
  now: () => Date;
  installationId: string;
}

const wrongPassword = () =>
  new LoketError('INVALID_CREDENTIALS', 'Nama pengguna atau kata sandi salah.', 'Wrong username or password.');

export class AuthService {
  private session: ActiveSession | null = null;

  constructor(private readonly d: AuthDeps) {}

  async signIn(username: string, password: string): Promise<Session> {
    await this.d.throttle.assertAllowed(username);
    const officer = await this.verifyWithServerOrCache(username, password);
    await this.d.throttle.reset(username);
    this.session = {
      officer: officer.officer,
      mode: officer.mode,
      token: officer.token,
      signedInAt: this.d.now().toISOString(),
      lastActivity: this.d.now().getTime(),
      locked: false,
      counterId: null,
      counterName: null,
      counterServiceIds: null,
    };
    this.d.log.info('signed in', { officerId: officer.officer.id, mode: officer.mode });
    return this.publish();
  }

  private async verifyWithServerOrCache(
    username: string,
    password: string,
  ): Promise<{ officer: Officer; mode: 'server' | 'offline'; token: string | null }> {
    try {
      const res = await this.d.server.request(LoginResponseSchema, 'POST', '/api/v1/auth/login', {
        username,
        password,
        installationId: this.d.installationId,
      });
      await this.d.cache.remember(res.officer, password);
      try {
        await this.d.catalog.refresh(res.token);
      } catch (e) {
        this.d.log.warn('catalog refresh failed after sign-in', { error: e });
      }
      return { officer: res.officer, mode: 'server', token: res.token };
    } catch (e) {
      if (!isLoketError(e)) throw e;
      if (e.code === 'INVALID_CREDENTIALS') {
        await this.d.throttle.recordFailure(username);
        throw e;
      }
      if (e.code === 'FORBIDDEN') await this.d.cache.forget(username);
      if (e.code !== 'OFFLINE' && e.code !== 'SERVER') throw e;
      const cached = await this.d.cache.verify(username, password);
      if (cached === 'unknown') {
        throw new LoketError(
          'OFFLINE',
          'Server tidak dapat dihubungi, dan akun ini belum pernah masuk di komputer ini. Masuk sekali saat tersambung ke server.',
          'The server cannot be reached and this account has never signed in on this computer. Sign in once while connected.',
        );
      }
      if (cached === null) {
        await this.d.throttle.recordFailure(username);
        throw wrongPassword();
      }
      return { officer: cached, mode: 'offline', token: null };
    }
  }

  async signOut(): Promise<void> {
    const token = this.session?.token;
    this.session = null;
    this.d.events.emit('session.changed', null);
    if (token) {
      // Best effort: the token expires on the server anyway.
      this.d.server.request(z.unknown(), 'POST', '/api/v1/auth/logout', {}, token).catch(() => undefined);
    }
  }

  async current(): Promise<Session | null> {
    await this.checkIdle();
    return this.session ? toView(this.session, (await this.d.settings.get()).idleLockMinutes) : null;
  }

  /** Locks the session once idle; called by a timer and before every access check. */
  async checkIdle(): Promise<void> {
    const s = this.session;
    if (!s || s.locked) return;
    const { idleLockMinutes } = await this.d.settings.get();
    if (isIdleExpired(s.lastActivity, this.d.now().getTime(), idleLockMinutes)) {
      s.locked = true;
      this.d.log.info('session locked after idle time', { officerId: s.officer.id });
      await this.publish();
    }
  }

  touch(): void {
    if (this.session && !this.session.locked) this.session.lastActivity = this.d.now().getTime();
  }

  async lock(): Promise<Session> {
    this.requireSession().locked = true;
    return this.publish();
  }

  async unlock(password: string): Promise<Session> {
    const s = this.requireSession();
    await this.d.throttle.assertAllowed(s.officer.username);
    const ok = await this.d.cache.verify(s.officer.username, password);
    if (ok === null || ok === 'unknown' || ok.id !== s.officer.id) {
      await this.d.throttle.recordFailure(s.officer.username);
      throw new LoketError('INVALID_CREDENTIALS', 'Kata sandi salah.', 'Wrong password.');
    }
    await this.d.throttle.reset(s.officer.username);
    s.locked = false;
    s.lastActivity = this.d.now().getTime();
    return this.publish();
  }

  /**
   * Opens a counter for this officer, optionally for a subset of the agency's services (the
   * ones they serve today): call-next then draws from those only. All of them = no subset.
   */
  async openCounter(counterId: string, serviceIds?: readonly string[]): Promise<Session> {
    const s = this.requireSession();
    const counter = await this.d.catalog.counter(counterId);
    if (!counter) throw new LoketError('NOT_FOUND', 'Loket tidak ditemukan.', 'Counter not found.');
    if (counter.agencyId !== s.officer.agencyId) {
      throw new LoketError('FORBIDDEN', 'Loket ini milik instansi lain.', 'This counter belongs to another agency.');
    }
    let subset: string[] | null = null;
    if (serviceIds && serviceIds.length > 0) {
      const own = new Set(await this.d.catalog.serviceIdsOf(counter.agencyId));
      const chosen = [...new Set(serviceIds)];
      if (chosen.some((id) => !own.has(id))) {
        throw new LoketError('VALIDATION', 'Layanan yang dipilih bukan layanan instansi loket ini.', "The chosen services are not this counter's agency's services.");
      }
      subset = chosen.length < own.size ? chosen.sort() : null;
    }
    s.counterId = counter.id;
    s.counterName = counter.name;
    s.counterServiceIds = subset;
    return this.publish();
  }

  get token(): string | null {
    return this.session?.token ?? null;
  }

  get officerName(): string | null {
    return this.session?.officer.name ?? null;
  }

  get counterName(): string | null {
    return this.session?.counterName ?? null;
  }

  get role(): Officer['role'] | null {
    return this.session?.officer.role ?? null;
  }

  /** Enforces a channel's access rule; throws the error the renderer shows. */
  async assertAccess(access: Access): Promise<void> {
    if (access === 'public') return;
    await this.checkIdle();
    const s = this.session;
    if (!s) throw new LoketError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.', 'Please sign in first.');
    if (access === 'signedIn') return;
    if (s.locked) throw new LoketError('LOCKED', 'Sesi terkunci. Masukkan kata sandi.', 'The session is locked. Enter your password.');
    if (access === 'session') return;
    if (!access.includes(s.officer.role)) {
      throw new LoketError('FORBIDDEN', 'Peran Anda tidak diizinkan melakukan ini.', 'Your role is not allowed to do this.');
    }
  }

  private requireSession(): ActiveSession {
    if (!this.session) throw new LoketError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.', 'Please sign in first.');
    return this.session;
  }

  private async publish(): Promise<Session> {
    const view = toView(this.requireSession(), (await this.d.settings.get()).idleLockMinutes);
    this.d.events.emit('session.changed', view);
    return view;
  }
}
