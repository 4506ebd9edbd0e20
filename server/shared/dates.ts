// Calendar dates as the API carries them ("YYYY-MM-DD") and as people read them (1 октября 2026 г.).

const RU_DATE = new Intl.DateTimeFormat("ru-RU", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "2026-10-01" → "1 октября 2026 г." */
export const ruDate = (isoDate: string): string => RU_DATE.format(new Date(`${isoDate}T00:00:00Z`));

/** Today as "YYYY-MM-DD" (UTC), or the day `days` from today. */
export function isoDay(days = 0, from: number = Date.now()): string {
  return new Date(from + days * 86_400_000).toISOString().slice(0, 10);
}
