/** Row shapes as stored; SQLite returns booleans as 0/1, hence `active: boolean | number`. */
import type { Role } from '../../../common/domain/roles';

export interface SettingRow {
  key: string;
  value: string;
}
export interface AgencyRow {
  id: string;
  code: string;
  name: string;
  /** ISO weekday digits the unit serves ("12345"); the column defaults to Monday–Friday. */
  service_days?: string;
}
export interface ServiceRow {
  id: string;
  agency_id: string;
  code: string;
  name: string;
}
export interface CounterRow {
  id: string;
  agency_id: string;
  number: number;
  name: string;
}
export interface OfficerRow {
  id: string;
  username: string;
  name: string;
  role: Role;
  agency_id: string | null;
  password_hash: string;
  active: boolean | number;
  created_at: string;
}
export interface SessionRow {
  token_hash: string;
  officer_id: string;
  installation_id: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}
export interface LoginFailureRow {
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}
