function train(epochs: number) {
  const history: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    var loss = 1 / (epoch + 1);
    history.push(loss);
  }
  return history;
}
{
  const local = train(3);
  console.log(local);
}
