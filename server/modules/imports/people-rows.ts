// Rows of a staff file: name, position, school, subjects, roles, e-mail (the person's stable key). Pure.
import type { SubjectCode } from "../instruments/instrument.types.js";
import type { ColumnMap } from "./import-columns.js";
import type { Known, References } from "./import-rows.js";
import { parseRows, type Parsed } from "./row-cells.js";
import { isEmail, quote, roleCode, SUBJECT_NAMES, splitList, subjectCode, type ImportedRole, type RowError } from "./row-rules.js";
import type { Sheet } from "./spreadsheet-reader.js";

export interface PersonRecord {
  row: number;
  fullName?: string | undefined;
  position?: string | undefined;
  school?: string | undefined;
  /** Undefined: the cell is empty and a person already stored keeps their subjects. */
  subjects?: SubjectCode[] | undefined;
  roles?: ImportedRole[] | undefined;
  /** Lower case: addresses are compared and stored without regard to case. */
  email?: string | undefined;
}

const ROLE_HINT = "учитель, директор (руководитель), наставник";

export function parsePeople(sheet: Sheet, columns: ColumnMap): Parsed<PersonRecord> {
  const firstRow = new Map<string, number>();
  return parseRows("people", sheet, columns, (cells) => {
    const fullName = cells.text("fullName", { required: true }) || undefined;
    if (fullName && !/\p{L}/u.test(fullName)) cells.fail("fullName", "invalid_value", `ФИО ${quote(fullName)} не содержит ни одной буквы`);
    const position = cells.text("position", { required: true }) || undefined;
    const school = cells.text("school", { required: true }) || undefined;

    const roleText = cells.text("roles", { required: true });
    let roles: ImportedRole[] | undefined;
    if (roleText) {
      roles = [];
      for (const word of splitList(roleText)) {
        const role = roleCode(word);
        if (role === "forbidden") {
          cells.fail("roles", "forbidden_role", `Роль ${quote(word)} нельзя выдать импортом: файл сотрудников школ не может давать права сотрудников института. Допустимы: ${ROLE_HINT}`);
        } else if (role) {
          if (!roles.includes(role)) roles.push(role);
        } else cells.fail("roles", "unknown_role", `Неизвестная роль ${quote(word)}. Допустимы: ${ROLE_HINT}`);
      }
      roles.sort();
    }

    const subjectText = cells.text("subjects");
    let subjects: SubjectCode[] | undefined;
    if (subjectText) {
      subjects = [];
      for (const word of splitList(subjectText)) {
        const code = subjectCode(word);
        if (code) {
          if (!subjects.includes(code)) subjects.push(code);
        } else cells.fail("subjects", "unknown_subject", `Неизвестный предмет ${quote(word)}. Допустимы: ${Object.values(SUBJECT_NAMES).join(", ")}`);
      }
      subjects.sort();
    } else if (subjectText === "" && roles?.includes("teacher")) {
      cells.fail("subjects", "missing_field", "Для учителя укажите хотя бы один предмет в столбце «Предметы»");
    }

    const emailText = cells.text("email", { required: true });
    let email = emailText ? emailText.toLowerCase() : undefined;
    if (email && !isEmail(email)) {
      cells.fail("email", "malformed_email", `Неверный адрес e-mail ${quote(emailText!)}`);
      email = undefined;
    }
    if (email) {
      const first = firstRow.get(email);
      if (first !== undefined) {
        cells.fail("email", "duplicate_person", `Сотрудник с e-mail ${quote(email)} уже указан в строке ${first}: у каждого человека одна строка`);
        email = undefined;
      } else firstRow.set(email, cells.row);
    }
    return { row: cells.row, fullName, position, school, subjects, roles, email };
  });
}

export function peopleReferences(records: PersonRecord[]): References {
  const schools = new Set(records.map((r) => r.school).filter((c): c is string => !!c));
  const emails = records.map((r) => r.email).filter((e): e is string => !!e);
  return { municipalities: [], schools: [...schools], emails };
}

/**
 * A school of the region; an e-mail that is nobody's yet or a school person's of this region. An
 * e-mail of another region or of institute staff is not for a school file to change.
 */
export function checkPeople(records: PersonRecord[], known: Known): RowError[] {
  const errors: RowError[] = [];
  for (const r of records) {
    if (r.school && !known.schools.has(r.school)) {
      errors.push({ row: r.row, field: "Код школы", code: "unknown_school", message: `Школа с кодом ${quote(r.school)} не найдена в регионе` });
    }
    const existing = r.email ? known.people.get(r.email) : undefined;
    if (existing && existing.regionId !== known.regionId) {
      errors.push({ row: r.row, field: "E-mail", code: "email_taken", message: `E-mail ${quote(r.email!)} уже принадлежит сотруднику другого региона` });
    } else if (existing?.staff) {
      errors.push({
        row: r.row, field: "E-mail", code: "staff_account",
        message: `E-mail ${quote(r.email!)} принадлежит сотруднику института или координатору: такие учётные записи импортом не меняются`,
      });
    }
  }
  return errors;
}
