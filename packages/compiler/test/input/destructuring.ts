const { shape: [rows, columns], dtype = "float32", ...rest } = { shape: [2, 3], size: 6 };
let [first, , third = 3, ...others] = [1, 2];
const { a }: { a: number } = { a: 1 }, b = 2;
