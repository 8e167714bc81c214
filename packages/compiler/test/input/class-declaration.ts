export abstract class Layer<TConfig extends object = {}> implements Disposable {
  private readonly units: number;
  protected config?: TConfig;
  declare name: string;
  static count = 0;
  constructor(units: number) {
    this.units = units;
  }
  abstract apply(input: number[]): number[];
  [Symbol.dispose](): void {}
}
class Dense extends Layer<{ activation: string }> {
  override apply(input: number[]) { return input; }
}
