// Types for stand-in-electron.mjs.
export const FUSE_SENTINEL: string;
export const ELECTRON_DEFAULT_FUSES: ReadonlyArray<readonly [string, boolean]>;
export const STAND_IN_MARKER: string;
export function makeStandInElectronDist(dir: string, electronVersion: string): string;
