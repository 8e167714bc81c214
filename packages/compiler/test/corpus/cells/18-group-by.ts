const bySpecies = new Map<Species, IrisRow[]>();
for (const row of irisRows) {
  const group = bySpecies.get(row.species) ?? [];
  group.push(row);
  bySpecies.set(row.species, group);
}
const averages = Object.fromEntries(
  [...bySpecies].map(([species, rows]) => [species, rows.reduce((sum, r) => sum + r.petalLength, 0) / rows.length] as const),
) as Record<Species, number>;
averages
