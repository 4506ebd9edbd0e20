// Training themes from aggregated counts: ranking, the per-subject and cross-subject lists, courses, matrices, the export.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLUSTERS } from "../../server/shared/labels.js";
import { mainSheet, themesSheets } from "../../server/modules/analytics/themes-export.js";
import {
  buildThemes, compareThemes, coursesFor, rankThemes, shareOf, themeMatrix,
  type AreaCell, type CourseRef, type ResultCounts, type ThemesInput,
} from "../../server/modules/analytics/training-themes.js";

const MUNICIPALITIES = [{ id: "m-a", name: "Альфа" }, { id: "m-b", name: "Бета" }, { id: "m-c", name: "Вега" }];

const COMPETENCIES = [
  { competencyId: "math.equations", title: "Уравнения", area: "subject" as const, subject: "math" },
  { competencyId: "math.planimetry", title: "Планиметрия", area: "subject" as const, subject: "math" },
  { competencyId: "russian.orthography", title: "Орфография", area: "subject" as const, subject: "russian" },
  { competencyId: "method.assessment", title: "Оценивание", area: "method" as const, subject: null },
  { competencyId: "method.lesson-design", title: "Проектирование урока", area: "method" as const, subject: null },
  { competencyId: "lead.team", title: "Управленческая команда", area: "leadership" as const, subject: null },
];

const COURSES: CourseRef[] = [
  { id: "math-topics", title: "Проблемные темы математики", audience: ["teacher"], subjects: ["math"], competencies: ["math.equations", "math.planimetry", "method.assessment"] },
  { id: "assessment", title: "Формирующее оценивание", audience: ["teacher", "mentor"], competencies: ["method.assessment"] },
  { id: "for-methodologists", title: "Для методистов", audience: ["methodologist"], competencies: ["method.assessment"] },
  { id: "team", title: "Команда школы", audience: ["principal"], competencies: ["lead.team"] },
];

const cell = (competencyId: string, key: string, tested: number, deficit: number, partial = 0): AreaCell => {
  const c = COMPETENCIES.find((x) => x.competencyId === competencyId)!;
  return { ...c, key, tested, deficit, partial };
};

const counts = (over: Partial<ResultCounts> = {}): ResultCounts => ({
  total: { tested: 0, withDeficits: 0, withoutMentor: 0 }, teachers: { tested: 0, withDeficits: 0, withoutMentor: 0 },
  principals: { tested: 0, withDeficits: 0, withoutMentor: 0 }, byArea: [], byMunicipality: new Map(), ...over,
});

const input = (over: Partial<ThemesInput>): ThemesInput => ({
  municipalities: MUNICIPALITIES, byMunicipality: [], byCluster: [], clusterTested: new Map(), counts: counts(), courses: COURSES, subject: null, top: 10, ...over,
});

describe("training themes by example", () => {
  const example = input({
    byMunicipality: [
      cell("math.equations", "m-b", 10, 6, 2), cell("math.equations", "m-a", 5, 1),
      cell("math.planimetry", "m-a", 5, 4), cell("math.planimetry", "m-b", 10, 3),
      cell("russian.orthography", "m-c", 4, 4),
      cell("method.assessment", "m-a", 9, 8), cell("method.lesson-design", "m-a", 9, 2),
      cell("lead.team", "m-c", 2, 2),
    ],
    byCluster: [cell("math.equations", "low-results", 6, 5), cell("math.equations", "some-new-cluster", 1, 1)],
    counts: counts({ byArea: [{ area: "subject", subject: "math", tested: 15 }, { area: "subject", subject: "russian", tested: 4 }, { area: "method", subject: null, tested: 9 }] }),
  });

  it("sums each theme over municipalities and ranks it by people at a deficit", () => {
    const r = buildThemes(example);
    const math = r.subjects.find((s) => s.subject === "math")!;
    expect(math).toMatchObject({ title: "Математика", tested: 15 });
    expect(math.themes.map((t) => [t.competencyId, t.deficit, t.tested, t.partial, t.share])).toEqual([
      ["math.equations", 7, 15, 2, 0.4667], ["math.planimetry", 7, 15, 0, 0.4667],
    ]);
    // Municipalities in the order given (by name), only where someone was measured.
    expect(math.themes[0]!.byMunicipality).toEqual([
      { id: "m-a", name: "Альфа", deficit: 1, tested: 5 }, { id: "m-b", name: "Бета", deficit: 6, tested: 10 },
    ]);
    expect(r.subjects.map((s) => s.subject)).toEqual(["russian", "math"]);
  });

  it("lists every cluster of the programme, with zeros, and keeps an unknown cluster by its code", () => {
    const eq = buildThemes(example).subjects.find((s) => s.subject === "math")!.themes[0]!;
    expect(eq.byCluster.map((c) => c.cluster)).toEqual([...CLUSTERS.map((c) => c.code), "some-new-cluster"]);
    expect(eq.byCluster[0]).toEqual({ cluster: "low-results", title: "Низкие результаты обучения (НОР)", deficit: 5, tested: 6 });
    expect(eq.byCluster[1]).toEqual({ cluster: "unfavourable", title: "Неблагоприятные социальные условия (ССУ)", deficit: 0, tested: 0 });
    expect(eq.byCluster.at(-1)!.title).toBe("some-new-cluster");
  });

  it("keeps methodology across subjects, leadership apart, and the overall list without leadership", () => {
    const r = buildThemes(example);
    expect(r.crossSubject).toMatchObject({ tested: 9 });
    expect(r.crossSubject.themes.map((t) => t.competencyId)).toEqual(["method.assessment", "method.lesson-design"]);
    expect(r.leadership.themes.map((t) => t.competencyId)).toEqual(["lead.team"]);
    // 8 (assessment), 7 of 15 twice (id decides), 4 of 4, 2 of 9.
    expect(r.top.map((t) => t.competencyId)).toEqual(["method.assessment", "math.equations", "math.planimetry", "russian.orthography", "method.lesson-design"]);
    expect(r.top[0]).not.toHaveProperty("byMunicipality");
    expect(buildThemes({ ...example, top: 2 }).top).toHaveLength(2);
  });

  it("breaks equal counts by the larger share, then by id", () => {
    const themes = [
      { competencyId: "b", deficit: 3, share: 0.5 }, { competencyId: "a", deficit: 3, share: 0.5 },
      { competencyId: "c", deficit: 3, share: 0.9 }, { competencyId: "d", deficit: 4, share: 0.1 },
    ];
    expect(rankThemes(themes).map((t) => t.competencyId)).toEqual(["d", "c", "a", "b"]);
  });

  it("offers the courses that address a theme, for its audience and subject", () => {
    expect(coursesFor({ competencyId: "method.assessment", area: "method", subject: null }, COURSES, null).map((c) => c.id)).toEqual(["assessment"]);
    expect(coursesFor({ competencyId: "method.assessment", area: "method", subject: null }, COURSES, "math").map((c) => c.id)).toEqual(["math-topics", "assessment"]);
    expect(coursesFor({ competencyId: "method.assessment", area: "method", subject: null }, COURSES, "russian").map((c) => c.id)).toEqual(["assessment"]);
    expect(coursesFor({ competencyId: "math.equations", area: "subject", subject: "math" }, COURSES, null)).toEqual([{ id: "math-topics", title: "Проблемные темы математики" }]);
    expect(coursesFor({ competencyId: "lead.team", area: "leadership", subject: null }, COURSES, null).map((c) => c.id)).toEqual(["team"]);
  });

  it("builds a matrix of themes by columns, empty where nobody was measured", () => {
    const r = buildThemes(example);
    const rows = themeMatrix(r.subjects.find((s) => s.subject === "math")!.themes.map((theme) => ({ theme, section: "Математика" })),
      MUNICIPALITIES.map((m) => ({ key: m.id, title: m.name })), (t) => t.byMunicipality.map((c) => ({ key: c.id, deficit: c.deficit, tested: c.tested })));
    expect(rows[0]).toMatchObject({ competencyId: "math.equations", section: "Математика", deficit: 7, tested: 15 });
    expect(rows[0]!.cells).toEqual([{ deficit: 1, tested: 5 }, { deficit: 6, tested: 10 }, null]);
  });

  it("exports the four sheets and a main table of every theme", () => {
    const r = buildThemes(example);
    const sheets = themesSheets(r);
    expect(sheets.map((s) => s.name)).toEqual(["Темы по предметам", "Межпредметные темы", "По муниципалитетам", "По кластерам"]);
    expect(sheets[0]!.rows).toHaveLength(3);
    expect(sheets[1]!.rows.map((row) => row.section)).toEqual(["Межпредметные (методические)", "Межпредметные (методические)", "Управленческие"]);
    expect(sheets[0]!.rows.find((row) => row.title === "Уравнения")).toMatchObject({ deficit: 7, share: 46.7, courses: "Проблемные темы математики" });
    expect(mainSheet(r).rows).toHaveLength(6);
  });

  it("shares a deficit of nobody as zero", () => {
    expect(shareOf(0, 0)).toBe(0);
    expect(shareOf(1, 3)).toBe(0.3333);
  });
});

interface Person { municipality: string; clusters: string[]; levels: Record<string, number> }

/** A population of people with levels per competency: the test aggregates it as the database would. */
const personArb: fc.Arbitrary<Person> = fc.record({
  municipality: fc.constantFrom(...MUNICIPALITIES.map((m) => m.id)),
  clusters: fc.subarray(CLUSTERS.map((c) => c.code as string)),
  levels: fc.dictionary(fc.constantFrom(...COMPETENCIES.map((c) => c.competencyId)), fc.constantFrom(0, 1, 2)),
});

function aggregate(people: Person[]) {
  const cells = new Map<string, AreaCell>();
  const add = (competencyId: string, key: string, rank: number) => {
    const id = `${competencyId}|${key}`;
    const c = cells.get(id) ?? cell(competencyId, key, 0, 0);
    c.tested += 1;
    if (rank === 0) c.deficit += 1;
    if (rank === 1) c.partial += 1;
    cells.set(id, c);
  };
  const clusterCells = new Map<string, AreaCell>();
  for (const p of people) {
    for (const [competencyId, rank] of Object.entries(p.levels)) {
      add(competencyId, p.municipality, rank);
      for (const cl of p.clusters) {
        const id = `${competencyId}|${cl}`;
        const c = clusterCells.get(id) ?? cell(competencyId, cl, 0, 0);
        c.tested += 1;
        if (rank === 0) c.deficit += 1;
        clusterCells.set(id, c);
      }
    }
  }
  return { byMunicipality: [...cells.values()], byCluster: [...clusterCells.values()] };
}

describe("training themes, properties", () => {
  const populationArb = fc.array(personArb, { maxLength: 40 });

  it("every theme counts exactly the people at each level, and its municipalities add up to it", () => {
    fc.assert(fc.property(populationArb, fc.integer({ min: 1, max: 20 }), (people, top) => {
      const { byMunicipality, byCluster } = aggregate(people);
      const r = buildThemes(input({ byMunicipality, byCluster, top: 100 }));
      const all = [...r.subjects.flatMap((s) => s.themes), ...r.crossSubject.themes, ...r.leadership.themes];
      expect(new Set(all.map((t) => t.competencyId)).size).toBe(all.length);
      for (const t of all) {
        const measured = people.filter((p) => t.competencyId in p.levels);
        expect(t.tested).toBe(measured.length);
        expect(t.deficit).toBe(measured.filter((p) => p.levels[t.competencyId] === 0).length);
        expect(t.partial).toBe(measured.filter((p) => p.levels[t.competencyId] === 1).length);
        expect(t.byMunicipality.reduce((s, m) => s + m.deficit, 0)).toBe(t.deficit);
        expect(t.byMunicipality.reduce((s, m) => s + m.tested, 0)).toBe(t.tested);
        expect(Math.abs(t.share - t.deficit / t.tested)).toBeLessThanOrEqual(0.00005);
        for (const c of t.byCluster) expect(c.deficit).toBeLessThanOrEqual(Math.min(c.tested, t.deficit));
      }
      const limited = buildThemes(input({ byMunicipality, byCluster, top }));
      expect(limited.top.length).toBeLessThanOrEqual(top);
      for (const s of limited.subjects) expect(s.themes.length).toBeLessThanOrEqual(top);
    }));
  });

  it("every list is ranked, and the overall list is the head of all teacher themes ranked together", () => {
    fc.assert(fc.property(populationArb, fc.integer({ min: 1, max: 8 }), (people, top) => {
      const { byMunicipality, byCluster } = aggregate(people);
      const r = buildThemes(input({ byMunicipality, byCluster, top }));
      for (const list of [r.top, r.crossSubject.themes, r.leadership.themes, ...r.subjects.map((s) => s.themes)]) {
        for (let i = 1; i < list.length; i++) expect(compareThemes(list[i - 1]!, list[i]!)).toBeLessThan(0);
      }
      const full = buildThemes(input({ byMunicipality, byCluster, top: 100 }));
      const teacherThemes = rankThemes([...full.subjects.flatMap((s) => s.themes), ...full.crossSubject.themes]);
      expect(r.top.map((t) => t.competencyId)).toEqual(teacherThemes.slice(0, top).map((t) => t.competencyId));
      expect(r.crossSubject.themes.every((t) => t.area === "method")).toBe(true);
      for (const s of r.subjects) expect(s.themes.every((t) => t.area === "subject" && t.subject === s.subject)).toBe(true);
    }));
  });

  it("the order of the database's rows changes nothing", () => {
    fc.assert(fc.property(populationArb, fc.integer(), (people, seed) => {
      const { byMunicipality, byCluster } = aggregate(people);
      const shuffle = <T>(items: T[]) => fc.sample(fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }), { numRuns: 1, seed })[0]!;
      expect(buildThemes(input({ byMunicipality: shuffle(byMunicipality), byCluster: shuffle(byCluster) })))
        .toEqual(buildThemes(input({ byMunicipality, byCluster })));
    }));
  });

  it("a matrix has one cell per column, and its cells add up to the theme where every column is listed", () => {
    fc.assert(fc.property(populationArb, (people) => {
      const r = buildThemes(input(aggregate(people)));
      const columns = MUNICIPALITIES.map((m) => ({ key: m.id, title: m.name }));
      const themes = r.subjects.flatMap((s) => s.themes).map((theme) => ({ theme, section: "x" }));
      for (const row of themeMatrix(themes, columns, (t) => t.byMunicipality.map((c) => ({ key: c.id, deficit: c.deficit, tested: c.tested })))) {
        expect(row.cells).toHaveLength(columns.length);
        expect(row.cells.reduce((s, c) => s + (c?.deficit ?? 0), 0)).toBe(row.deficit);
        expect(row.cells.reduce((s, c) => s + (c?.tested ?? 0), 0)).toBe(row.tested);
      }
    }));
  });
});
