import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = join(import.meta.dirname, '../../renderer/src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** Each line of the renderer's sources that matches, as "file:line: text". */
function linesMatching(files: string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) => (pattern.test(line) ? [`${relative(RENDERER, file)}:${index + 1}: ${line.trim()}`] : [])),
  );
}

describe('renderer API boundaries', () => {
  it('writes no /api path by hand: every route comes from the shared route table through the API client', () => {
    // A string or template literal starting with /api, anywhere under renderer/src (the client builds paths from the table).
    expect(linesMatching(sourceFiles(RENDERER), /['"`]\/api\b/)).toEqual([]);
  });

  it('calls fetch in no component: data comes through services and the model', () => {
    expect(linesMatching(sourceFiles(join(RENDERER, 'components')), /\bfetch\(/)).toEqual([]);
  });
});
