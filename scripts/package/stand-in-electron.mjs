// A stand-in Electron distribution for packing offline (electron-builder's `electronDist`).
// The real runtime is a download these machines cannot make. For the Linux `dir` target
// electron-builder copies an unpacked distribution as it is (app-builder-lib's ElectronFramework
// `unpack`: a folder without electron-v<version>-linux-<arch>.zip inside is "a custom unpacked
// Electron distribution"), renames its `electron` executable to the app's executableName, writes
// resources/app.asar (+ app.asar.unpacked) and then flips the fuses in that executable
// (platformPackager `addElectronFuses` → @electron/fuses `flipFuses`).
// So the stand-in is: an `electron` placeholder that carries a fuse wire laid out as Electron lays
// it out (sentinel, version 1, length, one byte per fuse) with Electron's own defaults, an empty
// resources/ and locales/, and the `version` file an Electron zip has. Reading the wire back after
// the pack shows which fuses electron-builder really wrote; it cannot show that a real Electron
// honours them (that is the CI service's job, on the real binary).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** @electron/fuses' SENTINEL: the wire follows it in every Electron ≥ 12 binary. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLED = 0x31; // '1'
const DISABLED = 0x30; // '0'

/** Electron's defaults, in FuseV1Options order (what an unflipped binary says). */
export const ELECTRON_DEFAULT_FUSES = Object.freeze([
  ['runAsNode', true],
  ['enableCookieEncryption', false],
  ['enableNodeOptionsEnvironmentVariable', true],
  ['enableNodeCliInspectArguments', true],
  ['enableEmbeddedAsarIntegrityValidation', false],
  ['onlyLoadAppFromAsar', false],
  ['loadBrowserProcessSpecificV8Snapshot', false],
  ['grantFileProtocolExtraPrivileges', true],
]);

export const STAND_IN_MARKER = 'chamra-pos stand-in Electron: not a runtime';

/** Writes the stand-in into `dir` (created). Returns its path. */
export function makeStandInElectronDist(dir, electronVersion) {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  writeFileSync(path.join(dir, 'version'), electronVersion);
  const wire = Buffer.from([1, ELECTRON_DEFAULT_FUSES.length, ...ELECTRON_DEFAULT_FUSES.map(([, on]) => (on ? ENABLED : DISABLED))]);
  const script = Buffer.concat([
    Buffer.from(`#!/bin/sh\n# ${STAND_IN_MARKER} (scripts/package/stand-in-electron.mjs).\necho '${STAND_IN_MARKER}' >&2\nexit 3\n# fuse wire: `),
    Buffer.from(FUSE_SENTINEL),
    wire,
    Buffer.from('\n'),
  ]);
  const executable = path.join(dir, 'electron');
  writeFileSync(executable, script);
  chmodSync(executable, 0o755);
  return dir;
}
