import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../renderer/src/model/common/label-layout.js';

const bounds = { left: 0, right: 300 };

describe('placeLabels', () => {
  it('puts a label right of its line when there is room, else left of it', () => {
    expect(placeLabels([{ anchor: 100, width: 50 }], bounds, 2)).toEqual([{ left: 104, row: 0 }]);
    expect(placeLabels([{ anchor: 280, width: 50 }], bounds, 2)).toEqual([{ left: 226, row: 0 }]);
  });

  it('moves a label that would touch another to the other side, then to the next row, and leaves out what fits nowhere', () => {
    // A disable and an enable two bars apart: the first label goes left, the second right.
    expect(
      placeLabels(
        [
          { anchor: 250, width: 120 },
          { anchor: 270, width: 60 },
        ],
        { left: 0, right: 340 },
        2,
      ),
    ).toEqual([
      { left: 126, row: 0 },
      { left: 274, row: 0 },
    ]);
    expect(
      placeLabels(
        [
          { anchor: 150, width: 100 },
          { anchor: 160, width: 100 },
          { anchor: 170, width: 100 },
        ],
        bounds,
        2,
      ),
    ).toEqual([{ left: 154, row: 0 }, { left: 164, row: 1 }, null]);
  });

  it('keeps clear of space already taken and gives up when no row has room', () => {
    const taken = [{ row: 0, from: 0, to: 120 }];
    expect(placeLabels([{ anchor: 60, width: 50 }], bounds, 1, taken)).toEqual([null]);
    expect(placeLabels([{ anchor: 60, width: 50 }], bounds, 2, taken)).toEqual([{ left: 64, row: 1 }]);
  });
});
