// Every relative link in the README and the docs points at a file that exists (and, with a #fragment
// into Markdown, at a heading that exists), so a doc that moves or renames a section cannot leave a
// dead link behind.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingAnchors, markdownLinks, readRepoFile, REPO_ROOT } from './markdown-blocks';

function markdownFilesUnder(folder: string): string[] {
  return fs
    .readdirSync(path.join(REPO_ROOT, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)));
}

const DOCUMENTS = ['README.md', ...markdownFilesUnder('docs')].sort();
/** Links that leave the repository: not checked here. */
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** The dead links of one document, as "line N: target (why)". */
function deadLinks(document: string): string[] {
  const dead: string[] = [];
  for (const { target, line } of markdownLinks(readRepoFile(document))) {
    if (EXTERNAL.test(target)) continue;
    const [rawPath, fragment] = target.split('#', 2) as [string, string | undefined];
    const file = rawPath === '' ? document : path.join(path.dirname(document), decodeURIComponent(rawPath));
    if (!fs.existsSync(path.join(REPO_ROOT, file))) {
      dead.push(`line ${line}: ${target} (no such file: ${file})`);
      continue;
    }
    if (fragment !== undefined && file.endsWith('.md') && !headingAnchors(readRepoFile(file)).has(decodeURIComponent(fragment))) {
      dead.push(`line ${line}: ${target} (no heading #${fragment} in ${file})`);
    }
  }
  return dead;
}

describe('relative links in the README and docs/', () => {
  it('finds the documents, and links in them', () => {
    expect(DOCUMENTS).toEqual(expect.arrayContaining(['README.md', 'docs/INSTALLING.md', 'docs/GOING-LIVE.md', 'docs/INTEGRATING.md', 'docs/TROUBLESHOOTING.md', 'docs/th/cashier-guide.md']));
    expect(markdownLinks(readRepoFile('README.md')).length).toBeGreaterThan(4);
  });

  it.each(DOCUMENTS)('%s has no dead relative link', (document) => {
    expect(deadLinks(document)).toEqual([]);
  });
});
