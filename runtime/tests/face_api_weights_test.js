// Checks that io::LoadWeights (through dump_weights) decodes every weight of
// @vladmandic/face-api 1.7.15's manifests byte for byte as TF.js 4.22's tf.io.decodeWeights does
// on the same shard bytes (uint8-quantized weights dequantized to float32 on both sides).
//
//   node face_api_weights_test.js FACE_API_MODEL_DIR TFJS_TOOLS_DIR DUMP_WEIGHTS
'use strict';

const assert = require('assert');
const childProcess = require('child_process');
const fs = require('fs');
const path = require('path');

const tfjsToolsDir = path.resolve(process.argv[3]);
const {readNpy} = require(path.join(tfjsToolsDir, 'npy'));

function loadTfjsCore() {
  const nodeModules = process.env.TFJS_NODE_MODULES;
  const tf = require(path.join(nodeModules, '@tensorflow/tfjs-core'));
  require(path.join(nodeModules, '@tensorflow/tfjs-backend-cpu'));
  return tf;
}

// TF.js's decoding: each group's shards concatenated, then decodeWeights over the group's specs.
async function decodeWithTfjs(tf, manifestFile) {
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const decoded = new Map();
  for (const group of manifest) {
    const shards = group.paths.map((p) => fs.readFileSync(path.join(path.dirname(manifestFile), p)));
    const bytes = Buffer.concat(shards);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const tensors = tf.io.decodeWeights(buffer, group.weights);
    for (const [name, tensor] of Object.entries(tensors)) {
      decoded.set(name, {dtype: tensor.dtype, shape: tensor.shape, data: await tensor.data()});
      tensor.dispose();
    }
  }
  return decoded;
}

function bytesOf(typed) {
  return Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength);
}

async function checkManifest(tf, dumpWeights, manifestFile, scratch) {
  const expected = await decodeWithTfjs(tf, manifestFile);
  const outDir = path.join(scratch, path.basename(manifestFile, '.json'));
  const run = childProcess.spawnSync(dumpWeights, ['--manifest', manifestFile, '--output_dir', outDir],
                                     {encoding: 'utf8'});
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`dump_weights exit ${run.status}: ${run.stderr.trim()}`);
  const files = JSON.parse(fs.readFileSync(path.join(outDir, 'weights.json'), 'utf8'));
  assert.deepStrictEqual(Object.keys(files).sort(), [...expected.keys()].sort(), 'weight names');
  for (const [name, want] of expected) {
    const got = readNpy(path.join(outDir, files[name]));
    assert.strictEqual(got.dtype, want.dtype, `${name} dtype`);
    assert.deepStrictEqual(got.shape, want.shape, `${name} shape`);
    assert.ok(bytesOf(got.data).equals(bytesOf(want.data)), `${name}: bytes differ`);
  }
  return expected.size;
}

async function main(modelDir, dumpWeights) {
  const tf = loadTfjsCore();
  await tf.setBackend('cpu');
  const scratch = fs.mkdtempSync(path.join(process.env.TEST_TMPDIR || '/tmp', 'face-api-'));
  const manifests = fs.readdirSync(modelDir).filter((f) => f.endsWith('-weights_manifest.json')).sort();
  assert.strictEqual(manifests.length, 7, `expected face-api 1.7.15's 7 manifests in ${modelDir}`);
  let failures = 0;
  for (const manifest of manifests) {
    try {
      const count = await checkManifest(tf, dumpWeights, path.join(modelDir, manifest), scratch);
      console.log(`PASS ${manifest}: ${count} weights identical`);
    } catch (e) {
      ++failures;
      console.log(`FAIL ${manifest}: ${e.message}`);
    }
  }
  console.log(`${manifests.length - failures}/${manifests.length} face-api manifests match TF.js`);
  return failures ? 1 : 0;
}

main(process.argv[2], process.argv[4]).then((code) => {
  process.exitCode = code;
}, (e) => {
  console.error(e.stack || e);
  process.exitCode = 1;
});
