const chartSpec = {
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  data: { values: irisRows },
  mark: "point",
  encoding: {
    x: { field: "petalLength", type: "quantitative" },
    y: { field: "petalWidth", type: "quantitative" },
    color: { field: "species", type: "nominal" },
  },
} satisfies Record<string, unknown>;
display(vegaLite(chartSpec));
