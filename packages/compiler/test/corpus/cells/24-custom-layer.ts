class ScaleLayer extends tf.layers.Layer {
  static className = "ScaleLayer";
  scale: number;
  constructor(config: { scale: number } & tf.layers.LayerArgs) {
    super(config);
    this.scale = config.scale;
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.mul(Array.isArray(inputs) ? inputs[0]! : inputs, this.scale));
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), scale: this.scale };
  }
}
tf.serialization.registerClass(ScaleLayer);
