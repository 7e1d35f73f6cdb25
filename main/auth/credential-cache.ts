/** Offline sign-in: a scrypt verifier of the last password the server accepted. */
import type { Db } from '../db/open';
import { hashPassword, verifyPassword } from '../../node-shared/scrypt';
import { OfficerSchema, type Officer } from '../../common/ipc/models';

interface Row {
  officer_id: string;
  username: string;
  verifier: string;
  profile_json: string;
  verified_at: string;
}

export class CredentialCache {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async remember(officer: Officer, password: string): Promise<void> {
    const verifier = await hashPassword(password);
    await this.db.transaction(async (trx) => {
      // A username can move to another officer id (account recreated): keep one row per username.
      await trx('officer_credentials').where({ username: officer.username.toLowerCase() }).delete();
      await trx('officer_credentials')
        .insert({
          officer_id: officer.id,
          username: officer.username.toLowerCase(),
          verifier,
          profile_json: JSON.stringify(officer),
          verified_at: this.now().toISOString(),
        })
        .onConflict('officer_id')
        .merge();
    });
  }

  /** The cached officer when the password matches, null when it does not or nothing is cached. */
  async verify(username: string, password: string): Promise<Officer | null | 'unknown'> {
    const row = await this.db<Row>('officer_credentials').where({ username: username.trim().toLowerCase() }).first();
    if (!row) return 'unknown';
    if (!(await verifyPassword(password, row.verifier))) return null;
    const parsed = OfficerSchema.safeParse(JSON.parse(row.profile_json));
    return parsed.success ? parsed.data : 'unknown';
  }

  async forget(username: string): Promise<void> {
    await this.db('officer_credentials').where({ username: username.trim().toLowerCase() }).delete();
  }
}
