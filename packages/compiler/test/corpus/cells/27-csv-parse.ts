const csvText = `rooms,area,price
3,120,250000
2,80,180000
4,150,320000`;

type HouseRow = Record<"rooms" | "area" | "price", number>;
const [header, ...lines] = csvText.trim().split("\n");
const columnNames = header!.split(",") as (keyof HouseRow)[];
const houses: HouseRow[] = lines.map((line) => {
  const cells = line.split(",").map(Number);
  return Object.fromEntries(columnNames.map((name, i) => [name, cells[i]!])) as HouseRow;
});
display(houses);
