const total = 3;
total
interface Summary {
  total: number;
}
;
