let x = 1
interface Erased {}
[x].forEach((v) => console.log(v))
const [a, b] = [x, 2]
