// What an anonymous round stores: every column of every row it writes, read back through information_schema, ties nothing to a person.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeAccessCode } from "../../server/modules/auth/access-codes.js";
import type { TestContext } from "../support/test-app.js";
import { answerWithCode, likertAnswers, openRound, setupClimateApp, signInWithCode } from "./climate-steps.js";

let t: TestContext;
beforeAll(async () => { t = await setupClimateApp(); });
afterAll(async () => { await t.close(); });

const ADDRESSES = ["203.0.113.77", "198.51.100.201", "2001:db8::42"];
const USER_AGENT = "Mozilla/5.0 (Respondent phone; Orientir anonymity test)";

async function tables(): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(t.db);
  return rows.rows.map((r) => r.table_name);
}

/** Every row of every table, as a fingerprint of its whole content: a row written or changed gets a new one. */
async function snapshot(): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const table of await tables()) {
    const rows = await sql<{ f: string }>`select md5(x::text) as f from ${sql.table(table)} x`.execute(t.db);
    out.set(table, new Set(rows.rows.map((r) => r.f)));
  }
  return out;
}

describe("an anonymous round, from opening to the last answer", () => {
  it("writes only rows with no user id, no address, no code in clear and no time finer than the day", async () => {
    const before = await snapshot();

    // The principal opens two rounds (students of two classes, and parents), prints the slips, and people answer from their phones.
    const students = await openRound(t, "principal", { schoolId: "s-low", audience: "student", classes: ["7А", "7Б"], codes: 6 });
    const parents = await openRound(t, "principal", { schoolId: "s-low", audience: "parent", codes: 3, format: undefined });
    const more = await t.as("principal", { method: "POST", url: `/api/climate-rounds/${parents.id}/codes`, payload: { codes: 2, format: "pdf" } });
    expect(more.statusCode).toBe(201);
    const codes = [...students.codes, ...parents.codes];
    for (const [i, code] of students.codes.slice(0, 4).entries()) {
      const id = await answerWithCode(t, code, likertAnswers(t, "climate-students", (_, j) => ((i + j) % 4) + 1), ADDRESSES[i % 3]);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    await answerWithCode(t, parents.codes[0]!, { ...likertAnswers(t, "climate-parents", (_, j) => (j % 5 === 0 ? "na" : 2)), "grade-band": "5-6" }, ADDRESSES[0]);
    // One signs in and stops half-way: an answer in progress is stored too.
    const halfway = await signInWithCode(t, parents.codes[1]!, ADDRESSES[1]);
    const started = await t.app.inject({ method: "POST", url: "/api/attempts", headers: { ...halfway.headers, "user-agent": USER_AGENT, "x-forwarded-for": ADDRESSES[2] }, payload: { instrumentId: "climate-parents" }, remoteAddress: ADDRESSES[1] });
    expect(started.statusCode).toBe(201);
    await t.app.inject({ method: "PUT", url: `/api/attempts/${started.json().id}`, headers: { ...halfway.headers, "user-agent": USER_AGENT }, payload: { data: { "cp-sp-01": 3 }, currentPage: 1 }, remoteAddress: ADDRESSES[1] });
    // The principal closes the students' round: the unused codes stop.
    expect((await t.as("principal", { method: "POST", url: `/api/climate-rounds/${students.id}/close` })).statusCode).toBe(200);

    const after = await snapshot();
    const written = new Map<string, string[]>();
    for (const [table, rows] of after) {
      const fresh = [...rows].filter((f) => !before.get(table)?.has(f));
      if (fresh.length) written.set(table, fresh);
    }
    // The round writes to these tables and no others (no log of sign-ins, no audit trail with addresses).
    expect([...written.keys()].sort()).toEqual(["access_codes", "attempts", "climate_rounds"]);
    expect(written.get("attempts")).toHaveLength(6);
    expect(written.get("climate_rounds")).toHaveLength(2);
    expect(written.get("access_codes")).toHaveLength(11);

    const people = await t.db.selectFrom("users").select(["id", "login", "full_name"]).execute();
    const forbidden: Array<[string, string]> = [
      ...people.flatMap((p): Array<[string, string]> => [[p.id, "a user id"], [p.login!, "a login"], [p.full_name, "a name"]]),
      ...ADDRESSES.map((a): [string, string] => [a, "an address"]), ["127.0.0.1", "an address"], [USER_AGENT, "a browser"],
      ...codes.flatMap((c): Array<[string, string]> => [[c, "a code"], [normalizeAccessCode(c)!, "a code"], [c.toLowerCase(), "a code"]]),
    ];
    let checkedValues = 0;
    let checkedTimes = 0;
    let expectedValues = 0;
    for (const [table, fingerprints] of written) {
      const columns = await sql<{ column_name: string; data_type: string }>`
        select column_name, data_type from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(t.db);
      expectedValues += fingerprints.length * columns.rows.length;
      const rows = await sql<{ row: Record<string, unknown> }>`select to_jsonb(x) as row from ${sql.table(table)} x where md5(x::text) in (${sql.join(fingerprints)})`.execute(t.db);
      expect(rows.rows).toHaveLength(fingerprints.length);
      for (const { row } of rows.rows) {
        expect(Object.keys(row).sort()).toEqual(columns.rows.map((c) => c.column_name).sort());
        for (const { column_name: column, data_type: type } of columns.rows) {
          const text = JSON.stringify(row[column] ?? null);
          checkedValues++;
          for (const [value, what] of forbidden) expect(text.includes(value), `${table}.${column} holds ${what}`).toBe(false);
          expect(text, `${table}.${column} holds an IPv4 address`).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b/);
          if (/timestamp|date|time/.test(type) && row[column] !== null) {
            checkedTimes++;
            const off = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} x
              where md5(x::text) in (${sql.join(fingerprints)}) and ${sql.ref(`x.${column}`)} <> date_trunc('day', ${sql.ref(`x.${column}`)})`.execute(t.db);
            expect(Number(off.rows[0]!.n), `${table}.${column} keeps a time finer than the day`).toBe(0);
          }
        }
      }
    }
    // The check above read every column of every row (not an empty loop).
    expect(checkedValues).toBe(expectedValues);
    expect(checkedValues).toBeGreaterThan(250);
    expect(checkedTimes).toBeGreaterThan(30);

    const attempts = await t.db.selectFrom("attempts").selectAll().where("round_id", "in", [students.id, parents.id]).execute();
    expect(attempts).toHaveLength(6);
    for (const a of attempts) {
      expect(a.user_id).toBeNull();
      expect(a.deadline_at).toBeNull();
      expect(a.school_id).toBe("s-low");
    }
    expect(attempts.filter((a) => a.class_name).map((a) => a.class_name).sort()).toEqual(["7А", "7А", "7А", "7Б"]);
    // A used code keeps the day it was issued, not the day it was used.
    const used = await t.db.selectFrom("access_codes").select(["used_at", "created_at"]).where("round_id", "in", [students.id, parents.id]).where("used_at", "is not", null).execute();
    expect(used).toHaveLength(6);
    for (const u of used) expect(u.used_at!.getTime()).toBe(u.created_at.getTime());
  });

  it("the respondent's token names no one: no subject, only the questionnaire, school, round and class", async () => {
    const r = await openRound(t, "principal", { schoolId: "s-low", audience: "student", classes: ["9А"], codes: 1 });
    const session = await signInWithCode(t, r.codes[0]!);
    const claims = JSON.parse(Buffer.from(session.token.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    expect(claims.sub).toBeUndefined();
    expect(Object.keys(claims).sort()).toEqual(["anon", "aud", "cls", "exp", "grp", "iat", "ins", "iss", "jti", "rnd", "sch"]);
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: session.headers });
    expect(me.json()).toMatchObject({ id: "anonymous", roles: [], anonymous: true });
  });
});
