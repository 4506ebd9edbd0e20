// Sign-in use cases: password, access code and token renewal, with failed attempts rate limited.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { tooManyRequests, unauthorized } from "../../shared/app-error.js";
import { findPersonById, findPersonByLogin, type Person } from "../people/people.repository.js";
import { accessCodeDigest, normalizeAccessCode } from "./access-codes.js";
import { findAccessCode, markAccessCodeUsed } from "./auth.repository.js";
import type { User } from "./auth.schemas.js";
import { decoyHash, verifyPassword } from "./passwords.js";
import type { AnonymousPrincipal, Principal, UserPrincipal } from "./principal.js";
import { FailureLimiter } from "./sign-in-limiter.js";
import type { TokenService } from "./tokens.js";
import { randomUUID } from "node:crypto";

const WINDOW = 15 * 60_000;

export interface Session { token: string; expiresAt: string; user: User }

export class AuthService {
  private readonly perLogin = new FailureLimiter({ windowMs: WINDOW, maxFailures: 10 });
  private readonly perAddress = new FailureLimiter({ windowMs: WINDOW, maxFailures: 50 });
  private readonly codesPerAddress = new FailureLimiter({ windowMs: WINDOW, maxFailures: 20 });

  constructor(private readonly db: Kysely<Database>, private readonly tokens: TokenService) {}

  async loginWithPassword(login: string, password: string, address: string): Promise<Session> {
    const loginKey = login.trim().toLowerCase();
    this.refuseIfLimited(this.perLogin, loginKey, this.perAddress, address);
    const person = await findPersonByLogin(this.db, loginKey);
    const hash = person?.passwordHash ?? (await decoyHash());
    const valid = (await verifyPassword(password, hash)) && person !== undefined && person.isActive && person.roles.length > 0;
    if (!valid || !person) {
      this.perLogin.fail(loginKey);
      this.perAddress.fail(address);
      throw unauthorized("Неверный логин или пароль", "invalid_credentials");
    }
    this.perLogin.succeed(loginKey);
    return this.sessionFor(person);
  }

  async loginWithCode(rawCode: string, address: string): Promise<Session> {
    this.refuseIfLimited(this.codesPerAddress, address);
    const normalized = normalizeAccessCode(rawCode);
    const code = normalized ? await findAccessCode(this.db, accessCodeDigest(normalized)) : undefined;
    const usable = code && code.expires_at.getTime() > Date.now() && !(code.kind === "anonymous" && code.used_at);
    const person = usable && code.kind === "person" && code.user_id ? await findPersonById(this.db, code.user_id) : undefined;
    if (!usable || (code.kind === "person" && !person?.isActive) || (code.kind === "anonymous" && (!code.school_id || !code.instrument_id || !code.audience))) {
      this.codesPerAddress.fail(address);
      throw unauthorized("Код не найден, истёк или уже использован", "invalid_code");
    }
    // An anonymous code opens one session only: a second respondent cannot reuse a found slip, even
    // one signing in at the same moment (only the sign-in that marks the code gets a session).
    const marked = await markAccessCodeUsed(this.db, code.code_hash);
    if (person) return this.sessionFor(person);
    if (!marked) {
      this.codesPerAddress.fail(address);
      throw unauthorized("Код не найден, истёк или уже использован", "invalid_code");
    }
    const principal: AnonymousPrincipal = {
      kind: "anonymous", respondentId: randomUUID(), instrumentId: code.instrument_id!, schoolId: code.school_id!, audience: code.audience!,
      ...(code.round_id ? { roundId: code.round_id } : {}), ...(code.class_name ? { className: code.class_name } : {}),
    };
    const { token, expiresAt } = await this.tokens.issue(principal);
    return { token, expiresAt: expiresAt.toISOString(), user: anonymousUser(principal) };
  }

  /** A fresh token for a still-valid session, with roles and scope re-read from the database. */
  async renew(principal: Principal): Promise<Session> {
    if (principal.kind === "anonymous") {
      const { token, expiresAt } = await this.tokens.issue(principal);
      return { token, expiresAt: expiresAt.toISOString(), user: anonymousUser(principal) };
    }
    const person = await findPersonById(this.db, principal.id);
    if (!person?.isActive || person.roles.length === 0) throw unauthorized("Учётная запись отключена", "account_disabled");
    return this.sessionFor(person);
  }

  async me(principal: Principal): Promise<User> {
    if (principal.kind === "anonymous") return anonymousUser(principal);
    const person = await findPersonById(this.db, principal.id);
    if (!person?.isActive) throw unauthorized("Учётная запись отключена", "account_disabled");
    return toUser(person);
  }

  private async sessionFor(person: Person): Promise<Session> {
    const principal: UserPrincipal = {
      kind: "user", id: person.id, roles: person.roles, regionId: person.regionId,
      municipalityId: person.municipalityId, schoolId: person.schoolId,
    };
    const { token, expiresAt } = await this.tokens.issue(principal);
    return { token, expiresAt: expiresAt.toISOString(), user: toUser(person) };
  }

  private refuseIfLimited(...pairs: Array<FailureLimiter | string>): void {
    for (let i = 0; i < pairs.length; i += 2) {
      const wait = (pairs[i] as FailureLimiter).retryAfter(pairs[i + 1] as string);
      if (wait > 0) throw tooManyRequests(`Слишком много неудачных попыток входа. Повторите через ${Math.ceil(wait / 60)} мин.`, wait);
    }
  }
}

export function toUser(person: Person): User {
  return {
    id: person.id, name: person.name, roles: person.roles, subjects: person.subjects,
    ...(person.schoolId ? { schoolId: person.schoolId } : {}),
    ...(person.municipalityId ? { municipalityId: person.municipalityId } : {}),
    ...(person.regionId ? { regionId: person.regionId } : {}),
    ...(person.position ? { position: person.position } : {}),
  };
}

function anonymousUser(p: AnonymousPrincipal): User {
  return { id: "anonymous", name: "Анонимный респондент", roles: [], anonymous: true, instrumentId: p.instrumentId, schoolId: p.schoolId };
}
