// Parity of the native runtime with real TF.js 4.22 (cpu backend) on every graph model that
// @vladmandic/human ships: same deterministic inputs, every output compared.
//
//   node human_models_parity_test.js MODELS_DIR TFJS_TOOLS_DIR RUN_GRAPH_MODEL
//
// TFJS_TOOLS_DIR holds tools/tfjs (npy.js, run_graph_models.js); TF.js comes from
// $TFJS_NODE_MODULES as run_graph_models.js finds it.
//
// Inputs come from each model's Placeholder shapes. Free dimensions: batch (dim 0) is 1, any
// other free dimension is FREE_SPATIAL (320, the resolution human feeds its hand tracker, the
// only model with free spatial dims). Values are a fixed pseudo-random sequence: float inputs
// in [0, 1), integer inputs (uint8/int32 images) in [0, 256).
//
// Comparison per output: shapes and dtypes exact; float32 |native - tfjs| <= 2e-4 * max(1, |tfjs|)
// (about 1e-4 relative: XNNPACK sums in float32 with FMA where TF.js's cpu backend sums in
// float64, and centernet's deepest output drifts up to 1.45e-4 on 5 of 65536 values)
// (NaN only where TF.js has NaN); int32 and bool exact. A model that fails to load or run on
// either side fails the test; nothing is skipped.
'use strict';

const assert = require('assert');
const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');
const tfjsToolsDir = path.resolve(process.argv[3]);
const {DTYPES, elementCount, readNpy, writeNpy} = require(path.join(tfjsToolsDir, 'npy'));

const NPY_DTYPE_OF_TF = {DT_FLOAT: 'float32', DT_INT32: 'int32', DT_UINT8: 'uint8', DT_BOOL: 'bool'};
const FREE_BATCH = 1;
const FREE_SPATIAL = 320;
const FLOAT_RTOL = 2e-4;

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

// Returns a description of the first mismatch, or null when `actual` matches `expected`.
function compare(actual, expected) {
  if (actual.dtype !== expected.dtype) return `dtype ${actual.dtype} != ${expected.dtype}`;
  if (JSON.stringify(actual.shape) !== JSON.stringify(expected.shape)) {
    return `shape [${actual.shape}] != [${expected.shape}]`;
  }
  let worst = {excess: 0};
  for (let i = 0; i < expected.data.length; ++i) {
    const a = actual.data[i];
    const b = expected.data[i];
    if (expected.dtype !== 'float32') {
      if (a !== b) return `element ${i}: ${a} != ${b} (exact ${expected.dtype})`;
      continue;
    }
    if (Number.isNaN(b) || Number.isNaN(a)) {
      if (Number.isNaN(a) !== Number.isNaN(b)) return `element ${i}: ${a} != ${b}`;
      continue;
    }
    if (a === b) continue;
    const diff = Math.abs(a - b);
    const bound = FLOAT_RTOL * Math.max(1, Math.abs(b));
    if (!(diff <= bound) && diff / bound > worst.excess) {
      worst = {excess: diff / bound, i, a, b, diff};
    }
  }
  if (worst.i === undefined) return null;
  return `element ${worst.i}: ${worst.a} vs ${worst.b} (|diff| ${worst.diff.toExponential(3)}, ` +
      `${worst.excess.toFixed(1)}x the tolerance)`;
}

function maxAbsDiff(actual, expected) {
  let worst = 0;
  for (let i = 0; i < expected.data.length; ++i) {
    const d = Math.abs(actual.data[i] - expected.data[i]);
    if (d > worst) worst = d;
  }
  return worst;
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

function main(modelsDir, runGraphModel) {
  const scratch = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || '/tmp', 'parity-'));
  const jobs = [];
  for (const name of fs.readdirSync(modelsDir).sort()) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(modelsDir, name);
    const modelJson = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (modelJson.format !== 'graph-model') continue;
    const id = name.replace(/\.json$/, '');
    jobs.push({id, model: file, inputs: placeholderInputs(modelJson, id, scratch), outputs: [],
               output_dir: path.join(scratch, 'tfjs', id)});
  }
  assert.strictEqual(jobs.length, 11, `expected the 11 graph models of human 3.3.6 in ${modelsDir}`);

  const jobsFile = path.join(scratch, 'jobs.json');
  const summaryFile = path.join(scratch, 'summary.jsonl');
  fs.writeFileSync(jobsFile, JSON.stringify(jobs));
  childProcess.spawnSync(
      process.execPath,
      [path.join(tfjsToolsDir, 'run_graph_models.js'), `--jobs=${jobsFile}`, `--summary=${summaryFile}`],
      {stdio: ['ignore', 'inherit', 'inherit']});
  const tfjsResults = new Map(fs.readFileSync(summaryFile, 'utf8').trim().split('\n')
                                  .filter(Boolean).map(JSON.parse).map((r) => [r.id, r]));

  let failures = 0;
  let outputsCompared = 0;
  for (const job of jobs) {
    try {
      const reference = tfjsResults.get(job.id);
      if (!reference) throw new Error('TF.js wrote no result');
      if (reference.status !== 'ok') throw new Error(`TF.js failed: ${reference.error}`);
      const names = reference.outputs.map((o) => o.name);
      const native = runNative(runGraphModel, job, names, path.join(scratch, 'native', job.id));
      const problems = [];
      let worstDiff = 0;
      reference.outputs.forEach((output, i) => {
        const expected = readNpy(output.file);
        const actual = readNpy(native.files[i]);
        const problem = compare(actual, expected);
        if (problem) problems.push(`${output.name}: ${problem}`);
        else if (expected.dtype === 'float32') worstDiff = Math.max(worstDiff, maxAbsDiff(actual, expected));
        ++outputsCompared;
      });
      if (problems.length) throw new Error(problems.join('; '));
      console.log(`PASS ${job.id}: ${names.length} outputs match (max |diff| ` +
                  `${worstDiff.toExponential(2)}; tfjs ${reference.run_ms} ms, native ${native.ms} ms)`);
    } catch (e) {
      ++failures;
      console.log(`FAIL ${job.id}: ${e.message}`);
    }
  }
  console.log(`${jobs.length - failures}/${jobs.length} human models match TF.js ` +
              `(${outputsCompared} outputs compared)`);
  return failures ? 1 : 0;
}

process.exitCode = main(process.argv[2], process.argv[4]);
