// The installers workflow (.github/workflows/installers.yml) is only run by the CI service; this
// keeps it consistent with what it calls here: every `npm run` script exists, each OS builds the
// installer electron-builder.yml configures for it, and the _electron smoke job really runs
// tests/electron/smoke.spec.ts on all three operating systems.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const projectDir = path.resolve(import.meta.dirname, '../../..');
// electron-builder's own YAML parser (js-yaml ships no types).
const { load: loadYaml } = createRequire(path.join(projectDir, 'package.json'))('js-yaml') as { load(text: string): unknown };
type Step = { run?: string; uses?: string; if?: string; with?: Record<string, unknown> };
type Job = { 'runs-on': string; steps: Step[]; needs?: string; if?: string; strategy?: { matrix: { os?: string[]; include?: Array<{ os: string; name: string; artifacts: string }> } } };
const workflow = loadYaml(readFileSync(path.join(projectDir, '.github/workflows/installers.yml'), 'utf8')) as { jobs: Record<string, Job> };
const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string>; engines: { node: string } };
const builder = loadYaml(readFileSync(path.join(projectDir, 'electron-builder.yml'), 'utf8')) as Record<string, { target: unknown[] }>;

const runs = (job: Job) => job.steps.map((step) => step.run ?? '').filter(Boolean);
/** `npm run X`, `npm run-script X`, `npm test`/`npm start` named anywhere in a run line. */
function npmScriptsIn(line: string): string[] {
  const named = [...line.matchAll(/\bnpm\s+(?:run|run-script)\s+([\w:.-]+)/g)].map((m) => m[1]!);
  for (const m of line.matchAll(/\bnpm\s+(test|start)\b/g)) named.push(m[1]!);
  return named;
}

describe('.github/workflows/installers.yml', () => {
  it('reads npm scripts out of run lines (so the next test can fail)', () => {
    expect(npmScriptsIn('npm ci && npm run dist -- --publish never; npm test')).toEqual(['dist', 'test']);
    expect(npmScriptsIn('npm run-script package:check')).toEqual(['package:check']);
  });

  it('calls only npm scripts that package.json has', () => {
    const called = Object.values(workflow.jobs).flatMap((job) => runs(job).flatMap(npmScriptsIn));
    expect(called).toEqual(expect.arrayContaining(['dist', 'package:check']));
    for (const name of called) expect(pkg.scripts, `npm run ${name}`).toHaveProperty(name);
  });

  it('runs the offline package check before building installers', () => {
    expect(runs(workflow.jobs['package-check']!)).toContain('npm run package:check');
    expect(workflow.jobs.installers!.needs).toBe('package-check');
  });

  it('builds on Windows, macOS and Linux runners with the Electron runtime downloaded, and uploads what electron-builder.yml targets', () => {
    const job = workflow.jobs.installers!;
    const include = job.strategy!.matrix.include!;
    expect(include.map((entry) => entry.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    const lines = runs(job);
    const ci = lines.findIndex((line) => line.startsWith('npm ci'));
    const download = lines.findIndex((line) => line.includes('electron/install.js'));
    const dist = lines.findIndex((line) => npmScriptsIn(line).includes('dist'));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(download).toBeGreaterThan(ci);
    expect(dist).toBeGreaterThan(download);
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.yml');
    const artifactsOf = (os: string) => include.find((entry) => entry.os === os)!.artifacts;
    expect(JSON.stringify(builder.win!.target)).toContain('nsis');
    expect(artifactsOf('windows-latest')).toMatch(/\*\.exe/);
    expect(builder.mac!.target).toContain('dmg');
    expect(artifactsOf('macos-latest')).toMatch(/\*\.dmg/);
    // electron-updater on macOS installs from the zip that latest-mac.yml names: it must be uploaded too.
    expect(builder.mac!.target).toContain('zip');
    expect(artifactsOf('macos-latest')).toMatch(/\*\.zip/);
    expect(builder.linux!.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(artifactsOf('ubuntu-latest')).toMatch(/\*\.AppImage/);
    expect(artifactsOf('ubuntu-latest')).toMatch(/\*\.deb/);
    expect(job.steps.some((step) => step.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
  });

  it('uses the Node version package.json asks for', () => {
    const minimum = /^>=\s*(\d+\.\d+)/.exec(pkg.engines.node)?.[1];
    expect(minimum, `engines.node ${pkg.engines.node}`).toBeDefined();
    const versions = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((s) => s.uses?.startsWith('actions/setup-node@')).map((s) => s.with?.['node-version']));
    expect(versions.length).toBeGreaterThanOrEqual(Object.keys(workflow.jobs).length);
    for (const version of versions) expect(version).toBe(minimum);
  });

  it('runs the _electron smoke test on Windows, macOS and Linux: runtime downloaded, native modules rebuilt, app built, then npm run test:electron', () => {
    const smoke = workflow.jobs['electron-smoke']!;
    expect(smoke.if, 'the smoke job is not switched off').toBeUndefined();
    expect([...smoke.strategy!.matrix.os!].sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(smoke['runs-on']).toBe('${{ matrix.os }}');
    const lines = runs(smoke);
    const at = (test: (line: string) => boolean) => lines.findIndex(test);
    const ci = at((line) => line.startsWith('npm ci'));
    const download = at((line) => line.includes('node node_modules/electron/install.js'));
    const rebuild = at((line) => line.includes('electron-builder install-app-deps'));
    const build = at((line) => npmScriptsIn(line).includes('build'));
    const smokeRuns = smoke.steps.filter((step) => step.run && npmScriptsIn(step.run).includes('test:electron'));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(download).toBeGreaterThan(ci);
    expect(rebuild).toBeGreaterThan(download);
    expect(build).toBeGreaterThan(rebuild);
    expect(Math.min(...smokeRuns.map((step) => lines.indexOf(step.run!)))).toBeGreaterThan(build);
    // Linux runners have no display: the window opens on xvfb; the other two run it as it is.
    expect(smokeRuns.map((step) => [step.if, step.run!.startsWith('xvfb-run ')])).toEqual(
      expect.arrayContaining([
        ["runner.os == 'Linux'", true],
        ["runner.os != 'Linux'", false],
      ]),
    );
    expect(smokeRuns).toHaveLength(2);
    const upload = smoke.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe('failure()');
    expect(upload?.with?.path).toBe('test-results/electron/');
  });

  it('test:electron runs the electron config, whose output folder the workflow uploads, and is not part of npm test', () => {
    expect(pkg.scripts['test:electron']).toBe('playwright test -c tests/electron/playwright.electron.config.ts');
    expect(pkg.scripts.test).not.toContain('test:electron');
    expect(pkg.scripts['test:e2e']).not.toMatch(/tests\/electron/);
    const config = readFileSync(path.join(projectDir, 'tests/electron/playwright.electron.config.ts'), 'utf8');
    expect(config).toMatch(/outputDir: path\.join\(projectDir, 'test-results', 'electron'\)/);
  });

  it('keeps tests/electron out of vitest and the browser e2e run, and inside the typecheck', () => {
    const read = (file: string) => readFileSync(path.join(projectDir, file), 'utf8');
    expect(read('playwright.config.ts')).toMatch(/testDir: 'tests\/e2e'/);
    expect(read('vitest.config.ts')).not.toMatch(/tests\/electron|tests\/\*\*/);
    const typecheck = JSON.parse(read('tsconfig.node.json')) as { include: string[] };
    expect(typecheck.include).toContain('tests/**/*.ts');
  });
});
