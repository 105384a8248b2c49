// Where the desktop app looks for its own updates. The installer carries the feed electron-builder
// baked into resources/app-update.yml (electron-builder.yml `publish`); IT may point one till elsewhere
// with POS_UPDATE_URL (and POS_UPDATE_CHANNEL). Pure: the shell reads the file and the environment.
import { isLoopbackAddress } from '../http/request-guards';

export class UpdateFeedError extends Error {}

export type UpdateFeed =
  | { enabled: false; reason: string }
  | { enabled: true; url: string | null; channel: string | null };

/**
 * POS_UPDATE_URL must be https (http only on this machine, for a feed under test): the files it
 * names become the till's program. No user name or password: update files are signed and public, and
 * a password in the URL would sit in the environment and in the updater's log lines.
 */
export function checkUpdateUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UpdateFeedError('POS_UPDATE_URL is not a URL (expected e.g. https://updates.example.com/pos).');
  }
  if (url.username || url.password) {
    throw new UpdateFeedError('POS_UPDATE_URL must not contain a user name or password: the update feed is read without one.');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (url.protocol === 'https:' || (url.protocol === 'http:' && (host === 'localhost' || isLoopbackAddress(host)))) return url.href;
  throw new UpdateFeedError(
    `POS_UPDATE_URL must start with https:// (got ${url.protocol}//${url.host}): the till would install whatever an unencrypted connection hands it. ` +
      'Plain http:// is only accepted for 127.0.0.1, ::1 or localhost.',
  );
}

/** A channel is a file name on the feed (`<channel>.yml`): letters, digits and dashes only. */
export function checkUpdateChannel(raw: string): string {
  if (/^[a-z0-9][a-z0-9-]{0,31}$/.test(raw)) return raw;
  throw new UpdateFeedError('POS_UPDATE_CHANNEL must be a short name of lowercase letters, digits and dashes (e.g. latest, beta).');
}

/**
 * Whether this app updates itself, and from where. `bakedConfig` is the text of app-update.yml, null
 * when the installer has none. Throws UpdateFeedError for a bad POS_UPDATE_URL or POS_UPDATE_CHANNEL.
 */
export function resolveUpdateFeed(options: {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  bakedConfig: string | null;
}): UpdateFeed {
  const { env } = options;
  if (!options.isPackaged) return { enabled: false, reason: 'development build (not packaged)' };
  // electron-updater needs the installer's app-update.yml even with an overriding URL (its download cache is named there).
  if (options.bakedConfig === null) return { enabled: false, reason: 'this installer was built without an update feed (electron-builder.yml publish)' };
  // Without publisherName electron-updater skips the Authenticode check on Windows: an installer from
  // the feed would run unverified. electron-builder writes it when the installer is code-signed.
  if (options.platform === 'win32' && !/^publisherName:/m.test(options.bakedConfig)) {
    return { enabled: false, reason: 'this installer is not code-signed (no publisherName in app-update.yml), so updates could not be verified' };
  }
  const url = env.POS_UPDATE_URL ? checkUpdateUrl(env.POS_UPDATE_URL) : null;
  const channel = env.POS_UPDATE_CHANNEL ? checkUpdateChannel(env.POS_UPDATE_CHANNEL) : null;
  return { enabled: true, url, channel };
}

/**
 * An updater error as the till may show and log it: first line only, every URL without its
 * credentials, query or fragment (signed download links carry tokens there), and short.
 */
export function shortUpdateReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const firstLine = text.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'unknown error';
  const safe = firstLine.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()]+/gi, (found) => {
    // Sentence punctuation right after a URL is the sentence's, not the URL's.
    const [, link, tail] = /^(.*?)([.,;:!?]*)$/.exec(found)!;
    try {
      const url = new URL(link);
      return `${url.protocol}//${url.host}${url.pathname}${tail}`;
    } catch {
      return `[url]${tail}`;
    }
  });
  return safe.length > 160 ? `${safe.slice(0, 159)}…` : safe;
}
