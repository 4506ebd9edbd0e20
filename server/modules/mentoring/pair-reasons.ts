// Why a pair was proposed, and why a teacher was left without a mentor, in Russian words. Pure.
import type { PairFacts } from "./matching-model.js";
import type { UnmatchedCause } from "./matching.js";

/** "Учитель математики", "по математике": the two forms a reason needs (server/shared/labels.ts has the names). */
const SUBJECT_WORDS: Record<string, { of: string; by: string }> = {
  russian: { of: "русского языка", by: "по русскому языку" },
  literature: { of: "литературы", by: "по литературе" },
  math: { of: "математики", by: "по математике" },
  physics: { of: "физики", by: "по физике" },
  chemistry: { of: "химии", by: "по химии" },
  biology: { of: "биологии", by: "по биологии" },
  geography: { of: "географии", by: "по географии" },
  history: { of: "истории", by: "по истории" },
  social: { of: "обществознания", by: "по обществознанию" },
  informatics: { of: "информатики", by: "по информатике" },
  english: { of: "английского языка", by: "по английскому языку" },
};

const wordsOf = (subject: string) => SUBJECT_WORDS[subject] ?? { of: `предмета «${subject}»`, by: `по предмету «${subject}»` };

/** plural(5, ["тема", "темы", "тем"]) → "тем" */
function plural(n: number, forms: readonly [string, string, string]): string {
  const mod10 = n % 10, mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return forms[0];
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return forms[1];
  return forms[2];
}

/** Titles in quotes, the first few of them, and how many more. */
function titleList(ids: readonly string[], titles: ReadonlyMap<string, string>, shown = 4): string {
  const named = ids.slice(0, shown).map((id) => `«${titles.get(id) ?? id}»`).join(", ");
  const rest = ids.length - shown;
  return rest > 0 ? `${named} и ещё ${rest}` : named;
}

export interface PairContext {
  facts: PairFacts;
  mentorSchool: { name: string; highResults: boolean } | null;
  mentorMunicipality: string | null;
  mentee: { lowResults: boolean; unfavourable: boolean };
  titles: ReadonlyMap<string, string>;
}

/**
 * «Учитель математики, СОШ № 5 (школа с высокими результатами), тот же муниципалитет; освоил 4 из 5
 * дефицитных тем наставляемого по математике: «…», «…». Приоритет: школа с низкими результатами.»
 */
export function pairReason(c: PairContext): string {
  const { facts } = c;
  const words = wordsOf(facts.subject);
  const school = c.mentorSchool ? `, ${c.mentorSchool.name}${c.mentorSchool.highResults ? " (школа с высокими результатами)" : ""}` : "";
  const place = facts.geo === "same" ? "тот же муниципалитет"
    : `${facts.geo === "neighbour" ? "соседний" : "другой"} муниципалитет${c.mentorMunicipality ? ` (${c.mentorMunicipality})` : ""}`;
  const mastery = facts.deficits.length === 0
    ? `дефицитов ${words.by} у наставляемого не выявлено`
    : `освоил ${facts.covered.length} из ${facts.deficits.length} ${plural(facts.deficits.length, ["дефицитной темы", "дефицитных тем", "дефицитных тем"])} наставляемого ${words.by}`
      + (facts.covered.length ? `: ${titleList(facts.covered, c.titles)}` : "");
  const priority = [c.mentee.lowResults && "школа с низкими результатами", c.mentee.unfavourable && "школа в сложных социальных условиях"].filter(Boolean);
  return `Учитель ${words.of}${school}, ${place}; ${mastery}.${priority.length ? ` Приоритет: ${priority.join(", ")}.` : ""}`;
}

/** The subjects as a phrase: «по математике и по физике». */
const bySubjects = (subjects: readonly string[]) => subjects.map((s) => wordsOf(s).by).join(" и ");

export function unmatchedReason(cause: UnmatchedCause, subjects: readonly string[], candidates: number): string {
  switch (cause) {
    case "no_mentor_of_subject":
      return `В пуле наставников нет учителей ${subjects.map((s) => wordsOf(s).of).join(" и ")}: назначьте наставника из учителей с высокими результатами.`;
    case "none_nearby":
      return `Нет наставников ${bySubjects(subjects)} в своём и соседних муниципалитетах; подбор по всему региону может найти пару.`;
    case "none_proficient":
      return `Наставники ${bySubjects(subjects)} есть, но ни один не освоил дефицитные темы этого педагога.`;
    case "all_full":
      return `${candidates === 1 ? "Единственный подходящий наставник занят" : `Все ${candidates} ${plural(candidates, ["подходящий наставник заняты", "подходящих наставника заняты", "подходящих наставников заняты"])}`}: их места исчерпаны или отданы педагогам с большим приоритетом.`;
  }
}
