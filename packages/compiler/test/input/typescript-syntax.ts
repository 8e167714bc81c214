interface Point { x: number; y: number }
type Pair<T> = [T, T];
declare const kernelName: string;
declare function display(value: unknown): void;
function overloaded(x: string): string;
function overloaded(x: number): number;
function overloaded(x: any) { return x; }
const origin = { x: 0, y: 0 } satisfies Point;
const anyValue = <any>origin;
const pair = [1, 2] as Pair<number>;
let definite!: number;
const length = document.querySelector("canvas")!.width;
const identity = <T,>(value: T): T => value;
const make = makeArray<string>;
function withThis(this: Window, count?: number) { return count; }
const reshape = (shape: number[])
  : number[] => shape;
