/**
 * Community time. China has one time zone and no daylight saving, so a fixed offset is exact;
 * days (daily caps, the 9th volunteer day) and years (expiry) are counted in it.
 */
export const COMMUNITY_UTC_OFFSET_MINUTES = 8 * 60;

const shift = (d: Date) => new Date(d.getTime() + COMMUNITY_UTC_OFFSET_MINUTES * 60_000);

/** YYYY-MM-DD of the community's local date. */
export function localDate(d: Date): string {
  return shift(d).toISOString().slice(0, 10);
}

export function localYear(d: Date): number {
  return shift(d).getUTCFullYear();
}

/** The instant local midnight starts on the given local date. */
export function startOfLocalDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - COMMUNITY_UTC_OFFSET_MINUTES * 60_000);
}

/** The first instant of local year `year` (so "end of year Y" is startOfLocalYear(Y + 1)). */
export function startOfLocalYear(year: number): Date {
  return startOfLocalDay(`${String(year).padStart(4, '0')}-01-01`);
}
