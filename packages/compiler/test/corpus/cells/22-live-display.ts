const status = display("starting…");
for (let step = 1; step <= 5; step++) {
  await tf.nextFrame();
  status.update(`step ${step} of 5`);
}
status.update("done");
