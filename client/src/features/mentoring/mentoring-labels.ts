// Words of the mentoring pages: subjects (from the shared list), distances, causes.

export { SUBJECTS, subjectTitle, subjectsText } from "../../lib/subjects";

export const GEO_LABELS: Record<string, string> = { same: "тот же муниципалитет", neighbour: "соседний", other: "другой" };

export const CAUSE_LABELS: Record<string, string> = {
  no_mentor_of_subject: "нет наставников предмета",
  none_nearby: "нет наставников рядом",
  none_proficient: "никто не освоил эти темы",
  all_full: "места заняты",
};

export const DISTANCE_LABELS: Record<string, string> = {
  neighbours: "Свой и соседние муниципалитеты",
  any: "Весь регион (дальние пары дороже)",
};
