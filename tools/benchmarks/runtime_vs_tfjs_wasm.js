// Compares the native runtime with TF.js's wasm backend on every graph model @vladmandic/human
// ships: the same random inputs go to both; prints a markdown table and the median speedups.
//
//   node runtime_vs_tfjs_wasm.js --node_modules DIR --models DIR --benchmark_model BIN [--runs 20]
//
// A model the native runtime cannot run yet is a "not yet" row, not a failure of the whole run.
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const {DTYPES, elementCount, writeNpy} = require('../tfjs/npy');

const NPY_DTYPE_OF_TF = {DT_FLOAT: 'float32', DT_INT32: 'int32', DT_UINT8: 'uint8', DT_BOOL: 'bool'};
const FREE_SPATIAL = 64;  // Size of unknown non-batch dims, as tools/tfjs/human_models_test.js.

function parseArgs(argv) {
  const args = {runs: 20, warmup: 3};
  for (let i = 0; i < argv.length; ++i) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = inline !== undefined ? inline : argv[++i];
    const key = {'--node_modules': 'nodeModules', '--models': 'models',
                 '--benchmark_model': 'benchmarkModel', '--runs': 'runs', '--warmup': 'warmup'}[flag];
    if (!key || value === undefined) throw new Error(`bad argument ${argv[i]}`);
    args[key] = key === 'runs' || key === 'warmup' ? Number(value) : value;
  }
  return args;
}

// Uniform [0, 1) floats (zeros for other dtypes), one .npy per Placeholder.
function writeInputs(modelJson, name, scratch) {
  const inputs = [];
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (const node of modelJson.modelTopology.node) {
    if (node.op !== 'Placeholder') continue;
    const dtype = NPY_DTYPE_OF_TF[node.attr.dtype.type] || 'float32';
    const dims = node.attr.shape.shape.dim.map((d) => Number(d.size));
    const shape = dims.map((d, i) => (d >= 0 ? d : i === 0 ? 1 : FREE_SPATIAL));
    const data = new DTYPES[dtype].array(elementCount(shape));
    if (dtype === 'float32') for (let i = 0; i < data.length; ++i) data[i] = random();
    const file = path.join(scratch, `${name}.${inputs.length}.npy`);
    writeNpy(file, {dtype, shape, data});
    inputs.push(`--input=${node.name}=${file}`);
  }
  return inputs;
}

// Runs a benchmark program; returns {median, gflops, memory} or {error}. `memory` is the native
// runtime's check of the target, peak RSS while running <= weights + 2 x largest live
// activations + 32 MiB: {rss, weights, held, live, budget} in MiB (held: weights the model keeps
// itself after load), or null.
function measure(command, args) {
  const run = childProcess.spawnSync(command, args, {encoding: 'utf8', maxBuffer: 1 << 26});
  const latency = /latency_ms: min \S+ median (\S+)/.exec(run.stdout || '');
  if (run.status !== 0 || !latency) {
    const why = `${run.stderr || ''}${run.error || ''}`.trim().split('\n').filter(Boolean);
    return {error: why.length ? why[why.length - 1] : `exit ${run.status}`};
  }
  const gflops = /gflops: ([\d.]+)/.exec(run.stdout);
  const number = (pattern) => {
    const match = pattern.exec(run.stdout);
    return match ? Number(match[1]) : null;
  };
  const rss = number(/run_peak_rss_mib: ([\d.]+)/);
  const memory = rss === null ? null : {
    rss,
    weights: number(/^weights_mib: ([\d.]+)/m),
    held: number(/^weights_held_mib: ([\d.]+)/m),
    live: number(/largest_live_activations_mib: ([\d.]+)/),
    budget: number(/budget_mib: ([\d.]+)/),
  };
  return {median: Number(latency[1]), gflops: gflops ? Number(gflops[1]) : null, memory};
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-vs-wasm-'));
  const runs = [`--runs=${args.runs}`, `--warmup=${args.warmup}`];
  const rows = [];
  const speedups = {one: [], two: []};
  const memoryRows = [];
  for (const file of fs.readdirSync(args.models).sort()) {
    if (!file.endsWith('.json')) continue;
    const model = path.join(args.models, file);
    const modelJson = JSON.parse(fs.readFileSync(model, 'utf8'));
    if (modelJson.format !== 'graph-model') continue;
    const name = file.replace(/\.json$/, '');
    const inputs = writeInputs(modelJson, name, scratch);
    process.stderr.write(`${name}: tfjs-wasm`);
    const wasm = measure(process.execPath, [path.join(__dirname, 'tfjs_wasm_benchmark.js'),
                                            `--node_modules=${args.nodeModules}`,
                                            `--model=${model}`, ...inputs, ...runs]);
    const ours = [1, 2].map((threads) => {
      process.stderr.write(`, ${threads}T`);
      return measure(args.benchmarkModel,
                     [`--model=${model}`, `--threads=${threads}`, ...inputs, ...runs]);
    });
    process.stderr.write('\n');
    const ms = (m) => (m.error ? 'not yet' : m.median.toFixed(1));
    const speedup = (m) => (m.error || wasm.error ? '-' : `${(wasm.median / m.median).toFixed(2)}x`);
    if (!wasm.error && !ours[0].error) speedups.one.push(wasm.median / ours[0].median);
    if (!wasm.error && !ours[1].error) speedups.two.push(wasm.median / ours[1].median);
    rows.push([name, ms(wasm), ms(ours[0]), ms(ours[1]), speedup(ours[0]), speedup(ours[1]),
               ours[0].gflops == null ? '-' : ours[0].gflops.toFixed(2)]);
    for (const [threads, m] of [[1, ours[0]], [2, ours[1]]]) {
      if (!m.memory) continue;
      const {rss, weights, held, live, budget} = m.memory;
      memoryRows.push([name, threads, weights.toFixed(1), held === null ? '?' : held.toFixed(1),
                       live.toFixed(1), budget.toFixed(1), rss.toFixed(1),
                       rss <= budget ? 'yes' : '**no**']);
    }
    for (const [label, m] of [['tfjs-wasm', wasm], ['ours 1T', ours[0]], ['ours 2T', ours[1]]]) {
      if (m.error) process.stderr.write(`  ${label} failed: ${m.error}\n`);
    }
  }
  console.log('| model | tfjs-wasm ms | ours 1T ms | ours 2T ms | speedup 1T | speedup 2T | GFLOP/s (1T) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  const summary = (list) => (list.length ? `${median(list).toFixed(2)}x over ${list.length} models` : 'n/a');
  console.log(`\nMedian speedup, 1 thread: ${summary(speedups.one)} (target >= 4x)`);
  console.log(`Median speedup, 2 threads: ${summary(speedups.two)} (target >= 7x)`);
  console.log('\nMemory: peak RSS of the timed runs against weights + 2 x largest live activations + 32 MiB (MiB)\n');
  console.log('| model | threads | weights | weights held | largest live | budget | peak RSS | within |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const row of memoryRows) console.log(`| ${row.join(' | ')} |`);
  const within = memoryRows.filter((row) => row[7] === 'yes').length;
  console.log(`\nMemory target met in ${within} of ${memoryRows.length} runs`);
  fs.rmSync(scratch, {recursive: true, force: true});
}

main();
