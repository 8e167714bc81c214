const f = (a: number, b: number)
  : number => a + b
f(1, 2)
