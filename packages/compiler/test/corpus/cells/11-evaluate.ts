const [testLoss, testAccuracy] = model.evaluate(xs, ys) as tf.Scalar[];
display(markdown(`**loss** ${(await testLoss!.data())[0]!.toFixed(3)}, **accuracy** ${(await testAccuracy!.data())[0]!.toFixed(3)}`));
