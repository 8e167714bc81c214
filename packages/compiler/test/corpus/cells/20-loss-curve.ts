display(
  vegaLite({
    data: { values: losses.map((loss, epoch) => ({ epoch, loss })) },
    mark: { type: "line", point: true },
    encoding: { x: { field: "epoch", type: "quantitative" }, y: { field: "loss", type: "quantitative", scale: { type: "log" } } },
  }),
);
