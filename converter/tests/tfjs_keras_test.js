// Keras HDF5 end to end: converts every Keras case of the corpus with
// `//converter:converter --input_format=keras`, loads the layers model in real TF.js 4.22
// (tf.loadLayersModel, Node.js, cpu backend) and, where the case has reference outputs, compares
// TF.js's predict() with Keras's outputs. With --output_format=tfjs_graph_model it converts to
// a graph model (our Keras lowering), loads it with tf.loadGraphModel and runs it with
// executeAsync: on the case's inputs where it has references, else on ones.
//
//   node tfjs_keras_test.js --converter=BIN --node_modules=DIR --known_failures=FILE
//       --cases=DIR [--output_format=tfjs_graph_model] [--work_dir=DIR] [--filter=REGEX]
//
// Keras 1 files are refused as tensorflowjs_converter refuses them ("Expected Keras version 2");
// every other case must convert, load and match, or be listed in the known-failures file with
// its reason. Fails on an unlisted failure, on a listed case that passes, and on a listed id that
// is not run.
'use strict';

const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');
const {findCaseDirs, loadCase, readKnownFailures} = require('./cases');
const {compareOutput} = require('./compare');
const {parseFlags} = require('./flags');
const {fileHandler} = require('../../tools/tfjs/file_handler');
const {npyToTensor, tensorToNpy} = require('../../tools/tfjs/graph_model_runner');
const {readNpy} = require('../../tools/tfjs/npy');

function loadTfjsLayers(nodeModules) {
  const load = (name) => require(path.join(path.resolve(nodeModules), name));
  const tf = load('@tensorflow/tfjs-core');
  load('@tensorflow/tfjs-backend-cpu');
  const tfl = load('@tensorflow/tfjs-layers');
  const tfconv = load('@tensorflow/tfjs-converter');
  return {tf, tfl, tfconv};
}

function convert(converter, testCase, outDir, outputFormat) {
  fs.rmSync(outDir, {recursive: true, force: true});
  const args = ['--input_format=keras'];
  if (outputFormat) args.push(`--output_format=${outputFormat}`);
  const result = childProcess.spawnSync(
      converter, [...args, path.join(testCase.dir, 'model.h5'), outDir],
      {encoding: 'utf8', timeout: 120 * 1000});
  return {ok: result.status === 0, log: `${result.stdout || ''}${result.stderr || ''}`.trim()};
}

// null when TF.js's outputs match the case's, else why not.
async function checkInTfjs({tf, tfl, tfconv}, testCase, modelJson, graph) {
  let model;
  try {
    model = graph ? await tfconv.loadGraphModel(fileHandler(tf, modelJson)) :
                    await tfl.loadLayersModel(fileHandler(tf, modelJson));
  } catch (e) {
    return `TF.js cannot load it: ${String(e.message || e).split('\n')[0]}`;
  }
  if (!testCase.compare && graph) {
    // No reference: the graph model must still run, here on ones (unknown dimensions 3).
    const ones = model.inputs.map(
        (input) => tf.ones(input.shape.map((d) => (d == null || d < 0 ? 3 : d)), input.dtype));
    try {
      tf.dispose(await model.executeAsync(ones.length === 1 ? ones[0] : ones));
    } catch (e) {
      return `TF.js executeAsync on ones failed: ${String(e.message || e).split('\n')[0]}`;
    } finally {
      tf.dispose(ones);
    }
    return null;
  }
  if (!testCase.compare) return null;
  const inputs = testCase.inputs.map((input) => {
    const npy = readNpy(path.join(testCase.dir, input.file));
    return npyToTensor(tf, npy, input.dtype.startsWith('float') ? 'float32' : 'int32');
  });
  let outputs;
  try {
    const feed = inputs.length === 1 ? inputs[0] : inputs;
    // Graph models with loops (RNNs over a run-time time dimension) need executeAsync.
    outputs = graph ? await model.executeAsync(feed) : model.predict(feed);
  } catch (e) {
    return `TF.js predict failed: ${String(e.message || e).split('\n')[0]}`;
  }
  outputs = Array.isArray(outputs) ? outputs : [outputs];
  if (outputs.length !== testCase.outputs.length) {
    return `${outputs.length} outputs where Keras gives ${testCase.outputs.length}`;
  }
  for (let i = 0; i < outputs.length; ++i) {
    const expected = testCase.outputs[i];
    if (!expected.file) continue;
    const verdict = compareOutput(readNpy(path.join(testCase.dir, expected.file)),
                                  await tensorToNpy(outputs[i]), expected.dtype);
    if (verdict) return `output ${i} (${expected.name}): ${verdict}`;
  }
  tf.dispose([...inputs, ...outputs]);
  return null;
}

async function main() {
  const flags = parseFlags(process.argv.slice(2),
                           {required: ['converter', 'node_modules', 'known_failures', 'cases']});
  flags.work_dir = flags.work_dir || process.env.TEST_TMPDIR || fs.mkdtempSync('/tmp/keras-');
  const known = readKnownFailures(flags.known_failures);
  const filter = flags.filter ? new RegExp(flags.filter) : null;
  const tfjs = loadTfjsLayers(flags.node_modules);
  await tfjs.tf.setBackend('cpu');

  const cases = findCaseDirs(flags.cases).map(loadCase)
      .filter((c) => c.format === 'keras' && (!filter || filter.test(c.id)));
  const tally = {pass: 0, keras1: 0, fail: 0, xfail: 0, xpass: 0};
  const unexpected = [];
  for (const testCase of cases) {
    const outDir = path.join(flags.work_dir, testCase.id);
    const conversion = convert(flags.converter, testCase, outDir, flags.output_format);
    let verdict;
    if (!conversion.ok && /Expected Keras version 2; got Keras version 1\./.test(conversion.log)) {
      ++tally.keras1;
      console.log(`KERAS1 ${testCase.id}`);
      continue;
    }
    if (!conversion.ok) {
      verdict = `conversion: ${conversion.log.split('\n').pop()}`;
    } else {
      verdict = await checkInTfjs(tfjs, testCase, path.join(outDir, 'model.json'),
                                  flags.output_format === 'tfjs_graph_model');
    }
    const reason = known.get(testCase.id);
    if (verdict === null && reason === undefined) {
      ++tally.pass;
      console.log(`PASS   ${testCase.id}${testCase.compare ? '' : ' (loads; no reference outputs)'}`);
    } else if (verdict === null) {
      ++tally.xpass;
      unexpected.push(`${testCase.id} passes but is listed as a known failure (${reason})`);
      console.log(`XPASS  ${testCase.id}`);
    } else if (reason !== undefined) {
      ++tally.xfail;
      console.log(`XFAIL  ${testCase.id}: ${verdict} [known: ${reason}]`);
    } else {
      ++tally.fail;
      unexpected.push(`${testCase.id}: ${verdict}`);
      console.log(`FAIL   ${testCase.id}: ${verdict}`);
    }
  }
  const ran = new Set(cases.map((c) => c.id));
  if (!filter) {
    for (const id of known.keys()) {
      if (!ran.has(id)) unexpected.push(`${id} is listed as a known failure but is no Keras case`);
    }
  }
  console.log(`\n${cases.length} Keras cases: ${tally.pass} pass, ${tally.keras1} Keras 1 ` +
              `(refused, as tensorflowjs_converter does), ${tally.xfail} known failures, ` +
              `${tally.fail} failures, ${tally.xpass} unexpected passes`);
  if (!cases.length) unexpected.push('no Keras cases found');
  for (const line of unexpected) console.log(`UNEXPECTED ${line}`);
  process.exitCode = unexpected.length ? 1 : 0;
}

main().catch((e) => {
  console.error(`FAIL: ${e.stack || e}`);
  process.exit(1);
});
