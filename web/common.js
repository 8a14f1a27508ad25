// Formatting shared by rtmon's pages. A null value is unknown and shows as "—", never as 0.

export const MISSING = '—';

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes with a binary prefix: 1536 → "1.50 KiB". */
export function formatBytes(value) {
  if (value === null || value === undefined) return MISSING;

  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1024 && unit < BINARY_UNITS.length - 1) {
    scaled /= 1024;
    unit += 1;
  }

  const whole = unit === 0 ? Number.isInteger(scaled) : Math.abs(scaled) >= 100;
  const digits = whole ? 0 : Math.abs(scaled) >= 10 || unit === 0 ? 1 : 2;

  return `${scaled.toFixed(digits)} ${BINARY_UNITS[unit]}`;
}

export function formatRate(value) {
  return value === null || value === undefined ? MISSING : `${formatBytes(value)}/s`;
}

export function formatNumber(value, digits = 0) {
  if (value === null || value === undefined) return MISSING;

  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function formatPercent(value) {
  return value === null || value === undefined ? MISSING : `${value.toFixed(1)} %`;
}

/** A duration in seconds, two largest units: "3 d 4 h", "5 min 12 s". */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined) return MISSING;

  const parts = [
    ['d', 86400],
    ['h', 3600],
    ['min', 60],
    ['s', 1],
  ];
  let rest = Math.max(0, Math.floor(seconds));
  const shown = [];
  for (const [unit, size] of parts) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || shown.length > 0) shown.push(`${count} ${unit}`);
    if (shown.length === 2) break;
  }

  return shown.length === 0 ? '0 s' : shown.join(' ');
}

/** How old a time is, briefly: "12 s", "5 min", "3 h". */
export function formatAge(seconds) {
  if (seconds < 90) return `${Math.round(seconds)} s`;

  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;

  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;

  return `${Math.round(seconds / 86400)} d`;
}

export function formatClock(epochSeconds) {
  const date = new Date(epochSeconds * 1000);

  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** The page theme now: "dark" when the browser prefers it. */
export function currentTheme() {
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function cssColor(name) {
  return window.getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export async function fetchJson(url) {
  const response = await fetch(url);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message ?? `${url} answered ${response.status}`);

  return body;
}

/** Fills a <select> with options, keeping the current choice when it is still there. */
export function fillSelect(select, options, chosen) {
  select.replaceChildren(
    ...options.map(({ value, label }) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = label;
      option.selected = value === chosen;

      return option;
    }),
  );
}
