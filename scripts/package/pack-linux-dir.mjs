// Packs the app with electron-builder for the Linux `dir` target against the stand-in Electron
// distribution, from electron-builder.yml with only what an offline pack must change.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Arch, Platform, build } from 'electron-builder';
import { load as loadYaml } from 'js-yaml';

export function readBuilderConfig(projectDir) {
  return loadYaml(readFileSync(path.join(projectDir, 'electron-builder.yml'), 'utf8'));
}

/**
 * electron-builder.yml as `npm run dist` uses it, except:
 * - electronDist: the stand-in (no download);
 * - npmRebuild false: rebuilding better-sqlite3 for Electron downloads Electron's headers, so the
 *   packed .node is the one built for this Node (which lets the smoke start load it under Node);
 * - output in a folder of our own, Linux `dir` only, nothing published.
 * Everything that decides what ships (files, asar, asarUnpack, electronFuses) is untouched.
 */
export function offlinePackConfig(config, { electronDist, outputDir }) {
  return {
    ...config,
    electronDist,
    npmRebuild: false,
    publish: null,
    directories: { ...config.directories, output: outputDir },
  };
}

/** @returns {Promise<{ appOutDir: string, config: object }>} */
export async function packLinuxDir({ projectDir, electronDist, outputDir }) {
  const config = offlinePackConfig(readBuilderConfig(projectDir), { electronDist, outputDir });
  await build({ projectDir, config, targets: Platform.LINUX.createTarget('dir', Arch.x64), publish: 'never' });
  return { appOutDir: path.join(outputDir, 'linux-unpacked'), config };
}
