import "@tensorflow/tfjs";
const { sum } = await import("@tensorflow/tfjs");
async function later() {
  return (await import("@tensorflow/tfjs")).version;
}
