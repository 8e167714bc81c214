export * from './protocol.ts';
export { createKernelRuntime, IMPLEMENTATION_VERSION, type KernelRuntime, type KernelRuntimeOptions, type ModuleLoaders } from './runtime.ts';
export {
  backendOrder,
  chooseBackend,
  createBackendLoaders,
  describeAdapter,
  type BackendChoice,
  type BackendLoader,
  type BackendLoaders,
  type BackendProbe,
  type DefaultBackendLoaderOptions,
} from './backends.ts';
export type { CellCompiler, CompileResult, CompiledCell } from './cell-compiler.ts';
export { represent, type RichOutput, type Representation } from './display.ts';
export { formatTensor } from './format-tensor.ts';
