const backends = ["webgpu", "webgl", "wasm", "cpu"] as const;
let chosen: (typeof backends)[number] | undefined;
for (const name of backends) {
  if (await tf.setBackend(name).catch(() => false)) {
    chosen = name;
    break;
  }
}
chosen ?? "none"
