// Times a TF.js graph model on @tensorflow/tfjs-backend-wasm as a Node.js user gets it (its
// defaults: SIMD where available, the thread count it picks), the reference the native runtime's
// benchmark compares against.
//
// usage: node tfjs_wasm_benchmark.js --node_modules DIR --model DIR/model.json
//            [--input NAME=FILE.npy ...] [--warmup 3] [--runs 20] [--call auto|execute|executeAsync]
// Paths are as given (it is run by runtime_vs_tfjs_wasm.js, not `bazel run`, so
// BUILD_WORKING_DIRECTORY plays no part). Exit status: 0 done, 1 failed, 2 bad command line.
//
// --call auto (the default) calls model.execute(), as TF.js users do for graphs without dynamic
// ops, and model.executeAsync() only where TF.js refuses execute() (control flow, dynamic-shape
// ops: its error asks for executeAsync). The choice is made on the first call and kept for all.
// Prints "call: execute|executeAsync" and "latency_ms: min A median B max C" as benchmark_model
// does. Inputs not given are zeros.
'use strict';

const path = require('path');
const {badCommandLine, printedHelp} = require('../tfjs/usage');

function parseArgs(argv) {
  const args = {nodeModules: '', model: '', inputs: [], warmup: 3, runs: 20, call: 'auto'};
  for (let i = 0; i < argv.length; ++i) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = inline !== undefined ? inline : argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--node_modules') args.nodeModules = value;
    else if (flag === '--model') args.model = value;
    else if (flag === '--input') {
      const eq = value.indexOf('=');
      if (eq < 0) throw new Error(`--input wants NAME=FILE.npy, got ${value}`);
      args.inputs.push({name: value.slice(0, eq), file: value.slice(eq + 1)});
    } else if (flag === '--warmup') args.warmup = Number(value);
    else if (flag === '--runs') args.runs = Number(value);
    else if (flag === '--call') args.call = value;
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!args.model || !args.nodeModules) throw new Error('--model and --node_modules are required');
  if (!(args.runs >= 1) || !(args.warmup >= 0)) throw new Error('bad --runs or --warmup');
  if (!['auto', 'execute', 'executeAsync'].includes(args.call)) {
    throw new Error(`--call wants auto, execute or executeAsync, got ${args.call}`);
  }
  return args;
}

async function main() {
  const argv = process.argv.slice(2);
  if (printedHelp(argv, __filename)) return 0;
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    return badCommandLine('tfjs_wasm_benchmark', e.message);
  }
  const modules = path.resolve(args.nodeModules);
  const tf = require(path.join(modules, '@tensorflow/tfjs-core'));
  const tfconv = require(path.join(modules, '@tensorflow/tfjs-converter'));
  const wasm = require(path.join(modules, '@tensorflow/tfjs-backend-wasm'));
  const {fileHandler} = require('../tfjs/file_handler');
  const {readNpy} = require('../tfjs/npy');

  wasm.setWasmPaths(path.join(modules, '@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  if (!(await tf.setBackend('wasm'))) throw new Error('TF.js wasm backend failed to initialize');
  await tf.ready();

  const model = await tfconv.loadGraphModel(fileHandler(tf, path.resolve(args.model)));
  const feeds = {};
  for (const {name, file} of args.inputs) {
    const npy = readNpy(file);
    const dtype = npy.dtype.startsWith('float') ? 'float32' : npy.dtype === 'bool' ? 'bool' : 'int32';
    feeds[name] = tf.tensor(Array.from(npy.data, Number), npy.shape, dtype);
  }
  for (const input of model.inputs) {
    const node = input.name.split(':')[0];
    if (feeds[input.name] || feeds[node]) continue;
    const shape = input.shape.map((d) => (d == null || d < 0 ? 1 : d));
    feeds[node] = tf.zeros(shape, input.dtype);
  }

  // Decided by the first (warm-up or timed) call; a refused execute() leaves nothing to dispose.
  let call = args.call;
  const run = async () => {
    if (call === 'executeAsync') return model.executeAsync(feeds);
    if (call === 'execute') return model.execute(feeds);
    try {
      const outputs = model.execute(feeds);
      call = 'execute';
      return outputs;
    } catch (e) {
      if (!/executeAsync/.test(e && e.message ? e.message : String(e))) throw e;
      call = 'executeAsync';
      return model.executeAsync(feeds);
    }
  };
  const latencies = [];
  for (let i = 0; i < args.warmup + args.runs; ++i) {
    const start = process.hrtime.bigint();
    const outputs = await run();
    const list = Array.isArray(outputs) ? outputs : [outputs];
    await Promise.all(list.map((t) => t.data()));  // Wait for the values, as a caller would.
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    tf.dispose(list);
    if (i >= args.warmup) latencies.push(ms);
  }
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  const median = n % 2 ? latencies[(n - 1) / 2] : (latencies[n / 2 - 1] + latencies[n / 2]) / 2;
  console.log(`backend: ${tf.getBackend()} simd: ${await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')} ` +
              `threads: ${wasm.getThreadsCount ? wasm.getThreadsCount() : 1}`);
  console.log(`call: ${call}`);
  console.log(`latency_ms: min ${latencies[0].toFixed(3)} median ${median.toFixed(3)} ` +
              `max ${latencies[n - 1].toFixed(3)}`);
  return 0;
}

main().then((code) => {
  process.exitCode = code;
}, (error) => {
  console.error(`error: ${error.stack || error}`);
  process.exit(1);
});
