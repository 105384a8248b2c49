// What the live app must report for each window's webPreferences: the values electron/app/windows.ts
// (secureWebPreferences) sets. A unit test (tests/unit/packaging/electron-smoke-expectations.test.ts)
// holds these to windows.ts, and the _electron smoke test holds the running app to these.

/** Reported by every Electron version's getLastWebPreferences(): missing counts as wrong. */
export const REQUIRED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
} as const;

/** Also set by windows.ts; checked whenever the running Electron reports them. */
export const OTHER_WEB_PREFERENCES = {
  nodeIntegrationInSubFrames: false,
  allowRunningInsecureContent: false,
  webviewTag: false,
} as const;

export const CHECKED_WEB_PREFERENCE_NAMES = [...Object.keys(REQUIRED_WEB_PREFERENCES), ...Object.keys(OTHER_WEB_PREFERENCES)];

/** Each preference that is not what windows.ts sets, in words; empty when all are. */
export function webPreferencesProblems(reported: object | null | undefined): string[] {
  if (!reported) return ['no web preferences reported'];
  const preferences = reported as Readonly<Record<string, unknown>>;
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
    if (preferences[name] !== expected) problems.push(`${name} is ${String(preferences[name])}, not ${String(expected)}`);
  }
  for (const [name, expected] of Object.entries(OTHER_WEB_PREFERENCES)) {
    if (name in preferences && preferences[name] !== expected) problems.push(`${name} is ${String(preferences[name])}, not ${String(expected)}`);
  }
  return problems;
}
