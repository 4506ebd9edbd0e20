// Checking and importing a 5,000-person staff file (XLSX and CSV) against a bare multi-row INSERT of the same people.
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { DatabaseHandle } from "../server/db/database.js";
import type { InstrumentRegistry } from "../server/modules/instruments/registry.js";
import type { UserPrincipal } from "../server/modules/auth/principal.js";
import { ImportsService } from "../server/modules/imports/imports.service.js";
import { csvText } from "../server/shared/spreadsheet.js";

const REGION = "bench-imports";
const HEADER = ["ФИО", "Должность", "Код школы", "Предметы", "Роли", "E-mail"];
const SUBJECTS = ["математика", "русский язык; литература", "физика", "история; обществознание", "английский язык", "химия; биология"];

export interface ImportFigures {
  people: number;
  checkXlsxMs: number;
  checkCsvMs: number;
  importMs: number;
  reimportMs: number;
  baselineMs: number;
  /** People per second through the whole import (read, check, upserts, roles, campaign assignments, one transaction). */
  importPerSecond: number;
  baselinePerSecond: number;
  /** importMs / baselineMs: what the checks, roles and assignments cost on top of writing the rows. */
  ratio: number;
  created: number;
  updated: number;
  assigned: number;
}

/** 20 municipalities of 15 schools, a methodologist, and a running campaign with every instrument. */
async function seedRegion(database: DatabaseHandle, registry: InstrumentRegistry): Promise<{ schools: string[]; principal: UserPrincipal }> {
  const db = database.db;
  await db.insertInto("regions").values({ id: REGION, name: "Область для замеров" }).execute();
  const municipalities = Array.from({ length: 20 }, (_, i) => ({ id: `${REGION}-m${i + 1}`, region_id: REGION, name: `Район ${i + 1}` }));
  await db.insertInto("municipalities").values(municipalities).execute();
  const schools = municipalities.flatMap((m) => Array.from({ length: 15 }, (_, s) => ({
    id: `${m.id}-s${s + 1}`, municipality_id: m.id, name: `Школа ${s + 1}`, short_name: `СОШ № ${s + 1}`, clusters: [],
  })));
  await db.insertInto("schools").values(schools).execute();
  const methodologist = await db.insertInto("users").values({ full_name: "Методист замеров", region_id: REGION }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("user_roles").values({ user_id: methodologist.id, role: "methodologist" }).execute();
  await db.insertInto("campaigns").values({ id: `${REGION}-c`, region_id: REGION, title: "Замеры", wave: "input", status: "active", starts_on: "2026-01-01", ends_on: "2027-12-31" }).execute();
  await db.insertInto("campaign_instruments").values(registry.all().map((i) => ({ campaign_id: `${REGION}-c`, instrument_id: i.definition.id }))).execute();
  const principal: UserPrincipal = { kind: "user", id: methodologist.id, roles: ["methodologist"], regionId: REGION, municipalityId: null, schoolId: null };
  return { schools: schools.map((s) => s.id), principal };
}

function peopleRows(count: number, schools: string[]): string[][] {
  return Array.from({ length: count }, (_, i) => [
    `Сотрудникова Анна Петровна ${i + 1}`, i % 12 === 0 ? "Директор" : "Учитель", schools[i % schools.length]!,
    i % 12 === 0 ? "" : SUBJECTS[i % SUBJECTS.length]!, i % 12 === 0 ? "директор" : i % 25 === 0 ? "учитель; наставник" : "учитель",
    `bench.person.${i + 1}@school.example`,
  ]);
}

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("Сотрудники");
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function timed<T>(task: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const result = await task();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

export async function benchImports(database: DatabaseHandle, registry: InstrumentRegistry, count = 5000): Promise<ImportFigures> {
  const { schools, principal } = await seedRegion(database, registry);
  const rows = peopleRows(count, schools);
  const xlsx = await xlsxOf(rows);
  const csv = Buffer.from(csvText({ name: "Сотрудники", columns: HEADER.map((h, i) => ({ header: h, key: String(i) })), rows: rows.map((r) => Object.fromEntries(r.map((c, i) => [String(i), c]))) }));
  const imports = new ImportsService(database.db);
  const run = (bytes: Buffer, dryRun: boolean) => imports.run(principal, "people", { fileName: "bench.xlsx", bytes }, dryRun);

  const [checkX, checkXlsxMs] = await timed(() => run(xlsx, true));
  const [checkC, checkCsvMs] = await timed(() => run(csv, true));
  if (!checkX.valid || !checkC.valid) throw new Error(`the bench file did not pass the check: ${JSON.stringify(checkX.errors.slice(0, 3))}`);
  const [imported, importMs] = await timed(() => run(xlsx, false));
  const [again, reimportMs] = await timed(() => run(xlsx, false));
  if (imported.created !== count || again.created !== 0) throw new Error(`import counted ${imported.created} created, then ${again.created}`);

  // Baseline: the same people written by one bare multi-row INSERT per thousand, nothing checked, in one transaction.
  const ids = rows.map(() => randomUUID());
  const [, baselineMs] = await timed(() => database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      await trx.insertInto("users").values(rows.slice(i, i + 1000).map((r, j) => ({
        id: ids[i + j]!, full_name: r[0]!, position: r[1]!, email: `baseline.${r[5]!}`, region_id: REGION,
        municipality_id: r[2]!.replace(/-s\d+$/, ""), school_id: r[2]!, subjects: ["math"],
      }))).execute();
    }
  }));
  for (let i = 0; i < ids.length; i += 5000) await database.db.deleteFrom("users").where("id", "in", ids.slice(i, i + 5000)).execute();

  return {
    people: count, checkXlsxMs, checkCsvMs, importMs, reimportMs, baselineMs,
    importPerSecond: count / (importMs / 1000), baselinePerSecond: count / (baselineMs / 1000), ratio: importMs / baselineMs,
    created: imported.created, updated: again.updated, assigned: imported.assigned ?? 0,
  };
}
