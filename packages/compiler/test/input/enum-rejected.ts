enum Activation {
  Relu,
  Sigmoid,
}
