const learningRate = 0.01;
let epochs = 10, batchSize;
var label = "iris";
learningRate * epochs
