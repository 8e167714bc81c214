const saveResult = await model.save("indexeddb://iris-model");
const loaded = (await tf.loadLayersModel("indexeddb://iris-model")) as tf.LayersModel;
display(`saved ${saveResult.modelArtifactsInfo.weightDataBytes} bytes at ${saveResult.modelArtifactsInfo.dateSaved.toISOString()}`);
loaded.layers.map((layer) => layer.name)
