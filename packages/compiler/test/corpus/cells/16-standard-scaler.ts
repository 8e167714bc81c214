interface Scaler {
  fit(rows: number[][]): this;
  transform(rows: number[][]): number[][];
}

class StandardScaler implements Scaler {
  private means: number[] = [];
  private deviations: number[] = [];

  fit(rows: number[][]): this {
    const columns = rows[0]?.length ?? 0;
    for (let c = 0; c < columns; c++) {
      const column = rows.map((row) => row[c]!);
      const mean = column.reduce((a, b) => a + b, 0) / column.length;
      this.means[c] = mean;
      this.deviations[c] = Math.sqrt(column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length) || 1;
    }
    return this;
  }

  transform(rows: number[][]): number[][] {
    return rows.map((row) => row.map((value, c) => (value - this.means[c]!) / this.deviations[c]!));
  }
}

const scaler = new StandardScaler().fit(normalised);
scaler.transform(normalised).slice(0, 2)
