/** A label to place beside a vertical line at `anchor` (px). */
export interface LabelRequest {
  anchor: number;
  width: number;
}

/** Where a label went: its left edge and its row (0 is the top one). */
export interface LabelPlacement {
  left: number;
  row: number;
}

/** Space already used in a row, e.g. by another caption on the chart. */
export interface TakenSpan {
  row: number;
  from: number;
  to: number;
}

/**
 * Puts each label right of its line, else left of it, in the first row where it fits inside
 * [left, right] without touching another label; null when no row has room (the line still shows).
 */
export function placeLabels(
  labels: LabelRequest[],
  bounds: { left: number; right: number },
  rows: number,
  taken: TakenSpan[] = [],
  gap = 4,
): (LabelPlacement | null)[] {
  const used = [...taken];
  const fits = (row: number, from: number, to: number) =>
    from >= bounds.left && to <= bounds.right && used.every((span) => span.row !== row || to + gap <= span.from || from >= span.to + gap);
  return labels.map(({ anchor, width }) => {
    for (let row = 0; row < rows; row += 1) {
      for (const from of [anchor + gap, anchor - gap - width]) {
        if (fits(row, from, from + width)) {
          used.push({ row, from, to: from + width });
          return { left: from, row };
        }
      }
    }
    return null;
  });
}
