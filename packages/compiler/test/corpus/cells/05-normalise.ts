const featureNames = ["sepalLength", "sepalWidth", "petalLength", "petalWidth"] as const;
type Feature = (typeof featureNames)[number];

function columnStats(rows: IrisRow[], feature: Feature): { min: number; max: number } {
  const values = rows.map((row) => row[feature]);
  return { min: Math.min(...values), max: Math.max(...values) };
}

const ranges = new Map<Feature, { min: number; max: number }>(featureNames.map((f) => [f, columnStats(irisRows, f)]));
const normalised = irisRows.map((row) =>
  featureNames.map((f) => {
    const { min, max } = ranges.get(f)!;
    return (row[f] - min) / (max - min || 1);
  }),
);
normalised.slice(0, 3)
