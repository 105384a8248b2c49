// What electron-builder.yml says about node_modules and fuses, read back for the checks.

/** The fuses issue 10 asks for (Electron's FuseV1Options, as electron-builder names them). */
export const REQUIRED_FUSES = Object.freeze({
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
});

/** electron-builder's names for FuseV1Options 0…7, in wire order. */
export const FUSE_WIRE_ORDER = Object.freeze([
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
]);

/** The package folders `files` lets in (`node_modules/<name>/**\/*`, or single files of a package). */
export function packagesListedInFiles(config) {
  const listed = new Set();
  for (const pattern of config.files ?? []) {
    if (typeof pattern !== 'string' || pattern.startsWith('!')) continue;
    const match = /^(node_modules\/(?:@[^/]+\/)?[^/*{]+)\//.exec(pattern);
    if (match) listed.add(match[1]);
  }
  return [...listed].sort();
}

/** Fuses whose configured value is not what issue 10 requires. */
export function fuseConfigProblems(electronFuses) {
  const problems = [];
  for (const [name, value] of Object.entries(REQUIRED_FUSES)) {
    if (electronFuses?.[name] !== value) problems.push(`electronFuses.${name} must be ${value} (is ${electronFuses?.[name]})`);
  }
  return problems;
}

/**
 * Reads a fuse wire (as @electron/fuses getCurrentFuseWire returns it: index → byte) into names.
 * '1' (0x31) is on, '0' (0x30) off, 'r' (0x72) removed.
 */
export function namedFuses(wire) {
  const named = {};
  FUSE_WIRE_ORDER.forEach((name, index) => {
    const byte = wire[index];
    named[name] = byte === 0x31 ? true : byte === 0x30 ? false : byte === 0x72 ? 'removed' : 'absent';
  });
  return named;
}
