// Every threshold of the school facts in one documented object: the index, the clusters and the risk factors (docs/school-index.md).

/** A check on one value: at or past `medium` the level is medium, at or past `high` it is high. */
export interface Band { medium: number; high?: number }

export const SCHOOL_RULES = Object.freeze({
  index: {
    /** The index needs at least this share of its components measured (half: 6 of 11). */
    minComponentShare: 0.5,
  },
  teachers: {
    /**
     * A teacher has deficits in a subject when at least this many of its topics are at the deficit
     * level: one weak topic of seven is an item or two, not yet a pattern.
     */
    deficitTopics: 2,
  },
  /** Quartile rules compare a school with at least this many schools that have the figure; fewer say nothing. */
  minSchoolsForQuartile: 8,
  clusters: {
    lowResults: {
      /** Share (%) of «2» in ВПР and ОГЭ mathematics or Russian, latest year, at or above which the school is in the cluster. */
      failShare: 20,
      /** Or the school is among the region's worst quarter on that share. */
      worstShare: 0.25,
    },
    unfavourable: {
      /** The index among the lowest quarter of the region's schools with an index. */
      lowestShare: 0.25,
    },
    specialNeeds: { shareOvz: 10 },
    nonNative: { shareNonNative: 10 },
    teaching: {
      /** Share (%) of the school's tested teachers of the subject with a deficit in one of its topics. */
      deficitShare: 50,
      /** Teachers of the subject tested for the share to count (small schools have one mathematics teacher). */
      minTested: 1,
      /** Or the subject's share of «2» in ВПР and ОГЭ (latest year) at or above this. */
      examFailShare: 25,
    },
  },
  exams: {
    /** Results with fewer participants (a subject over ВПР and ОГЭ of one year) are too small to read. */
    minParticipants: 10,
  },
  risks: {
    equipment: {
      internetMbps: 50,
      computersPerStudent: 0.1,
      scienceLabs: 2,
      /** Gaps counted over the eight conditions; an emergency building is high whatever the count. */
      gaps: { medium: 2, high: 4 } as Band,
    },
    staff: {
      vacancyRate: { medium: 5, high: 10 } as Band,
      outOfSpecialtyShare: { medium: 15, high: 30 } as Band,
      turnoverRate: { medium: 15, high: 25 } as Band,
      shareOver60: { medium: 30 } as Band,
      specialistsUncovered: { medium: 2, high: 4 } as Band,
    },
    teachers: {
      /** Tested teachers needed before the share of those with deficits says something about the team. */
      minTested: 2,
      subjectDeficitShare: { medium: 30, high: 50 } as Band,
      methodDeficitShare: { medium: 30, high: 50 } as Band,
      differentiationDeficitShare: { medium: 30, high: 50 } as Band,
    },
    /** Leader self-assessment: a competency below `partial` % is a deficit (high), below `proficient` % partial (medium). */
    leader: { partial: 50, proficient: 75 },
    /** Climate scale scores (0–100): below `medium` medium, below `high` high (the instruments' unfavourable band is < 50). */
    climate: { medium: 60, high: 50 },
    failure: {
      failShare: { medium: 15, high: 25 } as Band,
      egeBelowMinimum: { medium: 5, high: 10 } as Band,
    },
    language: {
      /** Below this share (%) of students with another home language the barrier is not there to overcome. */
      presentFrom: 5,
      russianFailShare: { medium: 15, high: 25 } as Band,
    },
    environment: {
      registers: { medium: 3, high: 6 } as Band,
    },
    ovz: { shareOvz: { medium: 7, high: 12 } as Band },
  },
});

export type SchoolRules = typeof SCHOOL_RULES;
