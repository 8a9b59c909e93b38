/** Reads the links and heading anchors of a Markdown page, outside fenced code blocks. */

export interface MarkdownLink {
  line: number;
  target: string;
}

/** Lines outside ``` fences, with their 1-based numbers; links and headings inside code are not real. */
function proseLines(markdown: string): { line: number; text: string }[] {
  let inFence = false;
  const lines: { line: number; text: string }[] = [];
  markdown.split('\n').forEach((text, index) => {
    if (text.trimStart().startsWith('```')) inFence = !inFence;
    else if (!inFence) lines.push({ line: index + 1, text: text.replace(/`[^`]*`/g, '') });
  });
  return lines;
}

export function markdownLinks(markdown: string): MarkdownLink[] {
  return proseLines(markdown).flatMap(({ line, text }) =>
    [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => ({ line, target: match[1] })),
  );
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function headingAnchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let inFence = false;
  for (const text of markdown.split('\n')) {
    if (text.trimStart().startsWith('```')) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6} (.*)$/.exec(text);
    if (!heading) continue;
    const slug = heading[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}_\- ]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
