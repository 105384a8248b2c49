// Anything we log goes through here, so a Stripe key, webhook secret, token, PIN or customer e-mail
// inside an error message or a stack (from a library, say) never reaches stdout or the log file. The
// patterns are the core's (electron/core/logs/redact-log-text.ts), so both hosts redact alike.
import { redactLogText } from '../core/logs/redact-log-text';

/** Any text with secrets replaced; `knownSecrets` are removed by value as well (tokens of any shape). */
export function redactSecrets(text: string, knownSecrets: Iterable<string> = []): string {
  return redactLogText(text, knownSecrets);
}

export function describeError(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}
