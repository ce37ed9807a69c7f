// Runs every graph model that @vladmandic/human ships (converted by the official
// tensorflowjs_converter) through the run_graph_models.js CLI with all-zero inputs, and checks
// that each one loads, executes and yields finite outputs whose .npy files match the summary.
//
//   node human_models_test.js MODELS_DIR
'use strict';

const assert = require('assert');
const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');
const {DTYPES, elementCount, readNpy, writeNpy} = require('./npy');

const NPY_DTYPE_OF_TF = {DT_FLOAT: 'float32', DT_INT32: 'int32', DT_UINT8: 'uint8', DT_BOOL: 'bool'};
// Free dimensions get a batch of 1 and a small spatial size.
const FREE_BATCH = 1;
const FREE_SPATIAL = 64;

function placeholderInputs(modelJson, where, scratch) {
  const inputs = [];
  for (const node of modelJson.modelTopology.node) {
    if (node.op !== 'Placeholder') continue;
    const dtype = NPY_DTYPE_OF_TF[node.attr.dtype.type];
    assert.ok(dtype, `${where}: Placeholder ${node.name} has unexpected ${node.attr.dtype.type}`);
    const dims = node.attr.shape.shape.dim.map((d) => Number(d.size));
    const shape = dims.map((d, i) => (d >= 0 ? d : i === 0 ? FREE_BATCH : FREE_SPATIAL));
    const file = path.join(scratch, `${path.basename(where)}.${inputs.length}.npy`);
    writeNpy(file, {dtype, shape, data: new DTYPES[dtype].array(elementCount(shape))});
    inputs.push({name: node.name, file});
  }
  return inputs;
}

function main(modelsDir) {
  const scratch = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || '/tmp', 'human-'));
  const jobs = [];
  const expectedOutputs = {};
  for (const name of fs.readdirSync(modelsDir).sort()) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(modelsDir, name);
    const modelJson = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (modelJson.format !== 'graph-model') continue;
    const signatureOutputs = modelJson.signature && modelJson.signature.outputs;
    expectedOutputs[name] = signatureOutputs ? Object.keys(signatureOutputs).length : null;
    jobs.push({id: name, model: file, inputs: placeholderInputs(modelJson, file, scratch),
               outputs: [], output_dir: path.join(scratch, 'out', name)});
  }
  assert.ok(jobs.length >= 10, `expected at least 10 graph models in ${modelsDir}`);
  const jobsFile = path.join(scratch, 'jobs.json');
  const summaryFile = path.join(scratch, 'summary.jsonl');
  fs.writeFileSync(jobsFile, JSON.stringify(jobs));

  const run = childProcess.spawnSync(
      process.execPath,
      [path.join(__dirname, 'run_graph_models.js'), `--jobs=${jobsFile}`, `--summary=${summaryFile}`],
      {stdio: ['ignore', 'inherit', 'inherit']});
  const results = fs.readFileSync(summaryFile, 'utf8').trim().split('\n').map(JSON.parse);
  assert.strictEqual(results.length, jobs.length, 'one summary line per job');

  let failures = 0;
  for (const result of results) {
    try {
      assert.strictEqual(result.status, 'ok', result.error);
      assert.ok(result.outputs.length >= 1, 'no outputs');
      if (expectedOutputs[result.id] !== null) {
        assert.strictEqual(result.outputs.length, expectedOutputs[result.id], 'output count');
      }
      for (const output of result.outputs) {
        const npy = readNpy(output.file);
        assert.strictEqual(npy.dtype, output.dtype, `${output.name} dtype`);
        assert.deepStrictEqual(npy.shape, output.shape, `${output.name} shape`);
        assert.ok(npy.data.length > 0, `${output.name} is empty`);
        assert.ok(npy.data.every(Number.isFinite), `${output.name} has non-finite values`);
      }
      console.log(`PASS ${result.id} (${result.outputs.length} outputs, ${result.run_ms} ms)`);
    } catch (e) {
      ++failures;
      console.log(`FAIL ${result.id}: ${e.message}`);
    }
  }
  console.log(`${results.length - failures}/${results.length} human models ran in TF.js`);
  assert.strictEqual(run.status, failures ? 1 : 0, 'run_graph_models exit status');
  return failures ? 1 : 0;
}

process.exitCode = main(process.argv[2]);
