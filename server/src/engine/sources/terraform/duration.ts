/**
 * ISO 8601 durations as Azure autoscale writes them (`cooldown = "PT5M"`, `time_window = "PT1H30M"`):
 * `P[nW]` or `P[nY][nM][nD][T[nH][nM][nS]]`, fractions allowed on the last field. Years count 365 days and
 * months 30 (Azure's own fields never use them). Returns seconds, or undefined when the text is not one.
 */
const DURATION = /^P(?:(\d+(?:[.,]\d+)?)W|(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?)$/;

const SECONDS = { week: 604800, year: 31536000, month: 2592000, day: 86400, hour: 3600, minute: 60, second: 1 };

export function parseIsoDuration(text: string): number | undefined {
  const value = text.trim().toUpperCase();
  if (value.length > 64 || value === 'P' || value.endsWith('T')) return undefined;
  const m = DURATION.exec(value);
  if (!m) return undefined;
  const parts = [m[1], m[2], m[3], m[4], m[5], m[6], m[7]];
  const written = parts.map((p, i) => (p === undefined ? -1 : i)).filter((i) => i >= 0);
  // Only the smallest written field may have a fraction.
  if (written.slice(0, -1).some((i) => /[.,]/.test(parts[i]!))) return undefined;
  const units = [SECONDS.week, SECONDS.year, SECONDS.month, SECONDS.day, SECONDS.hour, SECONDS.minute, SECONDS.second];
  let total = 0;
  for (const i of written) total += Number(parts[i]!.replace(',', '.')) * units[i]!;
  return total;
}
