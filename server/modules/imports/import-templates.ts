// Template files of each import: the headers, two example rows, and a sheet «Инструкция» on every column. Pure.
import type { Sheet } from "../../shared/spreadsheet.js";
import { COLUMNS, KIND_TITLES, type ImportKind } from "./import-columns.js";
import { EXTRA_EXAM_SUBJECTS } from "./exam-rows.js";
import { CLUSTERS, SUBJECT_NAMES } from "./row-rules.js";

interface Explanation { what: string; allowed: string }

const YES_NO = "«да» или «нет» (пусто — не менять; у новой школы — «нет»)";

const EXPLAIN: Record<ImportKind, Record<string, Explanation>> = {
  municipalities: {
    code: { what: "Постоянный код муниципалитета: по нему повторный импорт находит запись и обновляет её", allowed: "Латинские буквы, цифры и знаки - _ . : (до 100 символов)" },
    name: { what: "Название муниципалитета", allowed: "Текст до 300 символов" },
    neighbours: {
      what: "Коды соседних муниципалитетов. Соседство взаимное: записываются обе стороны. Пустая ячейка — соседи не меняются; заполненная — список соседей становится таким, как в файле",
      allowed: "Коды через «;» или «,»; каждый код — из региона или из этого же файла",
    },
  },
  schools: {
    code: { what: "Постоянный код школы: по нему повторный импорт находит школу и обновляет её", allowed: "Латинские буквы, цифры и знаки - _ . : (до 100 символов)" },
    municipality: { what: "Код муниципалитета школы", allowed: "Код муниципалитета региона" },
    name: { what: "Полное название по уставу", allowed: "Текст до 300 символов" },
    shortName: { what: "Краткое название для таблиц и бланков", allowed: "Текст; пусто — как полное название" },
    locality: { what: "Где находится школа", allowed: "город, посёлок (пгт) или село (деревня)" },
    students: { what: "Число обучающихся", allowed: "Целое число" },
    lowResults: { what: "Школа с низкими образовательными результатами (ШНОР)", allowed: `${YES_NO}; не вместе с «Высокие результаты»` },
    unfavourable: { what: "Школа в сложных социальных условиях (ССУ)", allowed: YES_NO },
    highResults: { what: "Школа с высокими результатами: из таких школ подбираются наставники", allowed: `${YES_NO}; не вместе с ШНОР` },
    clusters: { what: "Кластеры программы поддержки", allowed: `Через «;»: ${Object.values(CLUSTERS).join("; ")} (или коды: ${Object.keys(CLUSTERS).join(", ")})` },
    phone: { what: "Телефон школы для координатора", allowed: "Текст, например 8 (3452) 12-34-56" },
    email: { what: "Адрес электронной почты школы", allowed: "name@domain.ru" },
  },
  people: {
    fullName: { what: "Фамилия, имя, отчество", allowed: "Текст до 300 символов" },
    position: { what: "Должность", allowed: "Текст, например «Учитель математики»" },
    school: { what: "Код школы, где человек работает", allowed: "Код школы региона (см. раздел «Школы»)" },
    subjects: {
      what: "Предметы, которые ведёт учитель: по ним назначаются предметные диагностики. Пусто — предметы не меняются",
      allowed: `Через «;»: ${Object.values(SUBJECT_NAMES).join(", ")}. Для роли «учитель» обязательно`,
    },
    roles: { what: "Роли на платформе", allowed: "учитель, директор (руководитель), наставник — через «;». Роли сотрудников института импортом не выдаются" },
    email: { what: "Адрес электронной почты: по нему повторный импорт находит человека и обновляет его данные", allowed: "name@domain.ru; у каждого человека свой, один раз в файле" },
  },
  "exam-results": {
    school: { what: "Код школы региона. Школа, год, экзамен, предмет и класс вместе — ключ строки: повторный импорт обновляет результат, а не добавляет новый", allowed: "Код школы региона (см. раздел «Школы»)" },
    year: { what: "Год проведения (весна, когда писали работу или сдавали экзамен)", allowed: "Четыре цифры, например 2025; учебный год «2024/2025» читается как 2025. Не позже текущего года" },
    exam: { what: "Оценочная процедура", allowed: "ВПР, ОГЭ или ЕГЭ" },
    subject: {
      what: "Учебный предмет",
      allowed: `${Object.values(SUBJECT_NAMES).join(", ")}; также ${Object.values(EXTRA_EXAM_SUBJECTS).map((s) => s.title.toLowerCase()).join(", ")} (окружающий мир — только ВПР 4 класса, уровни математики — только ЕГЭ)`,
    },
    grade: { what: "Класс (параллель)", allowed: "ВПР: 4, 5, 6, 7, 8 или 11 (обязательно). ОГЭ — 9, ЕГЭ — 11: можно оставить пустым" },
    participants: { what: "Число участников от школы", allowed: "Целое число от 0 до 10 000" },
    meanScore: { what: "Средняя отметка (ВПР, ОГЭ: от 2 до 5) или средний тестовый балл (ЕГЭ)", allowed: "Число от 0 до 100, дробная часть через запятую или точку; пусто — не менять" },
    shareFailed: { what: "Доля участников с отметкой «2» (ВПР, ОГЭ) или не преодолевших минимальный порог (ЕГЭ)", allowed: "Проценты от 0 до 100, например 12,5; пусто — не менять" },
    shareHigh: { what: "Доля участников с отметками «4» и «5» (ВПР, ОГЭ) или с результатом 81 балл и выше (ЕГЭ)", allowed: "Проценты от 0 до 100; вместе с долей «2» не больше 100; пусто — не менять" },
  },
};

/** Example rows that read like the region's own: real codes of its municipalities and schools where there are some. */
function examples(kind: ImportKind, codes: { municipalities: string[]; schools: string[] }): Array<Record<string, string>> {
  const m1 = codes.municipalities[0] ?? "m01";
  const m2 = codes.municipalities[1] ?? m1;
  const s1 = codes.schools[0] ?? "m01-s01";
  const s2 = codes.schools[1] ?? s1;
  switch (kind) {
    case "municipalities": return [
      { code: "m-sever", name: "Северный муниципальный округ", neighbours: `${m1}; m-yug` },
      { code: "m-yug", name: "Южный муниципальный район", neighbours: "m-sever" },
    ];
    case "schools": return [
      { code: `${m1}-primer-1`, municipality: m1, name: "МБОУ «Средняя общеобразовательная школа № 12»", shortName: "СОШ № 12", locality: "город", students: "640", lowResults: "да", unfavourable: "нет", highResults: "нет", clusters: "Низкие результаты; Преподавание математики", phone: "8 (3452) 12-34-56", email: "school12@example.ru" },
      { code: `${m2}-primer-2`, municipality: m2, name: "МКОУ «Берёзовская основная общеобразовательная школа»", shortName: "Берёзовская ООШ", locality: "село", students: "85", lowResults: "нет", unfavourable: "да", highResults: "нет", clusters: "Неблагоприятные социальные условия", phone: "8 (34535) 2-11-40", email: "berezovka@example.ru" },
    ];
    case "people": return [
      { fullName: "Иванова Мария Петровна", position: "Учитель математики", school: s1, subjects: "математика", roles: "учитель", email: "ivanova.mp@example.ru" },
      { fullName: "Петров Сергей Николаевич", position: "Директор, учитель физики", school: s2, subjects: "физика; информатика", roles: "директор; учитель", email: "petrov.sn@example.ru" },
    ];
    case "exam-results": return [
      { school: s1, year: "2025", exam: "ВПР", subject: "математика", grade: "6", participants: "48", meanScore: "3,4", shareFailed: "12,5", shareHigh: "41,7" },
      { school: s1, year: "2025", exam: "ОГЭ", subject: "русский язык", grade: "", participants: "52", meanScore: "3,7", shareFailed: "3,8", shareHigh: "57,7" },
      { school: s2, year: "2025", exam: "ЕГЭ", subject: "математика профильная", grade: "", participants: "14", meanScore: "61,2", shareFailed: "7,1", shareHigh: "14,3" },
    ];
  }
}

/** The data sheet (headers and examples) and the instruction sheet; the CSV template is the first one alone. */
export function templateSheets(kind: ImportKind, codes: { municipalities: string[]; schools: string[] }): [Sheet, Sheet] {
  const columns = COLUMNS[kind];
  const data: Sheet = {
    name: KIND_TITLES[kind],
    columns: columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(14, Math.min(48, c.header.length + 16)) })),
    rows: examples(kind, codes),
  };
  const instruction: Sheet = {
    name: "Инструкция",
    columns: [
      { header: "Столбец", key: "header", width: 22 }, { header: "Обязательный", key: "required", width: 14 },
      { header: "Что указать", key: "what", width: 70 }, { header: "Допустимые значения", key: "allowed", width: 70 },
    ],
    rows: [
      ...columns.map((c) => ({ header: c.header, required: c.required ? "да" : "нет", what: EXPLAIN[kind][c.key]!.what, allowed: EXPLAIN[kind][c.key]!.allowed })),
      { header: "", required: "", what: "", allowed: "" },
      { header: "Как загружать", required: "", what: "Первая строка — заголовки, как на листе с примерами; данные — со второй строки. Примеры замените своими строками. Формулы и HTML-теги в ячейках не принимаются.", allowed: "XLSX или CSV (разделитель «;», «,» или табуляция), до 100 000 строк" },
      { header: "Проверка", required: "", what: `Сначала нажмите «Проверить файл»: будут показаны все ошибки с номерами строк, а в базу ничего не запишется, пока в файле есть хоть одна ошибка. Повторная загрузка того же файла ничего не дублирует: записи обновляются ${kind === "exam-results" ? "по школе, году, экзамену, предмету и классу" : "по коду или e-mail"}.`, allowed: "" },
    ],
  };
  return [data, instruction];
}
