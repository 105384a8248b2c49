// Reads Markdown the way the docs tests need it: fenced code blocks with their info strings, links,
// and headings as GitHub turns them into anchors.
import fs from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

export interface FencedBlock {
  /** Everything after the opening fence, e.g. `python example=create-charge`. */
  info: string;
  /** The first word of the info string. */
  language: string;
  /** `example=<name>` from the info string, or null. */
  example: string | null;
  code: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

const FENCE = /^(`{3,}|~{3,})(.*)$/;

/** A closing fence: the opening fence's character, at least as many times, and nothing else. */
function closesFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && [...trimmed].every((char) => char === fence[0]);
}

export function fencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index]);
    if (!open) continue;
    const [, fence, rawInfo] = open;
    const body: string[] = [];
    let closed = false;
    const start = index;
    for (index++; index < lines.length; index++) {
      if (closesFence(lines[index], fence)) {
        closed = true;
        break;
      }
      body.push(lines[index]);
    }
    if (!closed) throw new Error(`unclosed code fence at line ${start + 1}`);
    const info = rawInfo.trim();
    const example = /(?:^|\s)example=([A-Za-z0-9_-]+)(?:\s|$)/.exec(info)?.[1] ?? null;
    blocks.push({ info, language: info.split(/\s+/, 1)[0] ?? '', example, code: `${body.join('\n')}\n`, line: start + 1 });
  }
  return blocks;
}

/** The Markdown's lines with fenced blocks blanked out (what is in them is code, not Markdown). */
function linesOutsideFences(markdown: string): string[] {
  let fence: string | null = null;
  return markdown.split('\n').map((line) => {
    if (fence === null) {
      const open = FENCE.exec(line);
      if (!open) return line;
      fence = open[1];
      return '';
    }
    if (closesFence(line, fence)) fence = null;
    return '';
  });
}

export interface MarkdownLink {
  target: string;
  line: number;
}

export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  linesOutsideFences(markdown).forEach((line, index) => {
    // Inline code is not a link either.
    const text = line.replace(/`[^`]*`/g, '``');
    for (const match of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) links.push({ target: match[1], line: index + 1 });
  });
  return links;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{M}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of linesOutsideFences(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const base = headingAnchor(heading[1]);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

export function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, relative), 'utf8');
}
