/**
 * Dates of the call's requests, from milliseconds since 1970 in UTC. Written by hand because the pure layers
 * may not use `Date` (lint: they never read a clock); the civil-date arithmetic is Howard Hinnant's
 * `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html), exact for every day of the
 * proleptic Gregorian calendar.
 */

/** The call's start when none is given: 2024-01-01T00:00:00.000Z. */
export const DEFAULT_START_TIME_MS = 1_704_067_200_000;

const MS_PER_DAY = 86_400_000;
const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface UtcParts {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
  milliseconds: number;
  /** Days since 1970-01-01 (a Thursday). */
  days: number;
}

function utcParts(ms: number): UtcParts {
  const whole = Math.floor(ms);
  const days = Math.floor(whole / MS_PER_DAY);
  const inDay = whole - days * MS_PER_DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    hours: Math.floor(inDay / 3_600_000),
    minutes: Math.floor(inDay / 60_000) % 60,
    seconds: Math.floor(inDay / 1000) % 60,
    milliseconds: inDay % 1000,
    days,
  };
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** ISO 8601 with milliseconds in UTC, as Joda's DateTime.toString prints it in UTC: `2024-01-01T00:00:00.000Z`. */
export function formatIsoUtc(ms: number): string {
  const p = utcParts(ms);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}.${pad(p.milliseconds, 3)}Z`;
}

/** RFC 2822 in UTC, as Twilio writes its dates: `Mon, 01 Jan 2024 00:00:00 +0000`. */
export function formatRfc2822Utc(ms: number): string {
  const p = utcParts(ms);
  const weekday = WEEKDAYS[((p.days % 7) + 7) % 7] ?? '';
  const month = MONTHS[p.month - 1] ?? '';
  return `${weekday}, ${pad(p.day)} ${month} ${p.year} ${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)} +0000`;
}
