// Secrets (the Stripe key) encrypted with the OS keychain through safeStorage, kept in one file in
// userData readable only by the user. There is deliberately no plaintext fallback: without OS
// encryption we refuse to store and say why.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';

export const SECRETS_FILE_NAME = 'secrets.json';
const NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export class SecretStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretStoreError';
  }
}

export interface SecretStore {
  readonly filePath: string;
  hasSecret(name: string): boolean;
  /** null when not stored. Throws SecretStoreError when stored but cannot be decrypted. */
  readSecret(name: string): string | null;
  writeSecret(name: string, value: string): void;
  deleteSecret(name: string): boolean;
  isEncryptionAvailable(): boolean;
}

type SecretsFile = Record<string, string>;

function checkName(name: string): void {
  if (!NAME_PATTERN.test(name)) throw new SecretStoreError(`secret name must match ${NAME_PATTERN}: ${JSON.stringify(name)}`);
}

export function createSecretStore(directory: string): SecretStore {
  const filePath = path.join(directory, SECRETS_FILE_NAME);

  function load(): SecretsFile {
    if (!existsSync(filePath)) return {};
    const parsed: unknown = JSON.parse(readFileSync(filePath, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new SecretStoreError(`${filePath} is not a secrets file`);
    }
    return parsed as SecretsFile;
  }

  function save(secrets: SecretsFile): void {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    // Write then rename so a crash never leaves a half-written file; 0600 from the first byte.
    const temporary = `${filePath}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, filePath);
  }

  function requireEncryption(action: string): void {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new SecretStoreError(
        `Cannot ${action}: the operating system's secure storage is not available (on Linux install and unlock a keyring such as gnome-keyring or KWallet). The key is not stored in plain text.`,
      );
    }
  }

  return {
    filePath,
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    hasSecret(name) {
      checkName(name);
      return typeof load()[name] === 'string';
    },
    readSecret(name) {
      checkName(name);
      const stored = load()[name];
      if (typeof stored !== 'string') return null;
      requireEncryption(`read the secret "${name}"`);
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        throw new SecretStoreError(`The stored secret "${name}" cannot be decrypted on this computer or user account. Set it again.`);
      }
    },
    writeSecret(name, value) {
      checkName(name);
      if (value.length === 0) throw new SecretStoreError(`secret "${name}" must not be empty`);
      requireEncryption(`store the secret "${name}"`);
      const secrets = load();
      secrets[name] = safeStorage.encryptString(value).toString('base64');
      save(secrets);
    },
    deleteSecret(name) {
      checkName(name);
      const secrets = load();
      if (!(name in secrets)) return false;
      delete secrets[name];
      save(secrets);
      return true;
    },
  };
}
