// A TF.js IOHandler that loads a graph model (model.json + weight shards) from the local disk.
'use strict';

const fs = require('fs');
const path = require('path');

function readJson(file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${file}: ${e.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${e.message}`);
  }
}

// Reads every shard of every manifest group, in manifest order, as TF.js concatenates them.
function readWeights(manifest, modelDir, modelJsonPath) {
  const specs = [];
  const shards = [];
  for (const group of manifest) {
    for (const shard of group.paths) {
      const file = path.join(modelDir, decodeURIComponent(shard));
      let bytes;
      try {
        bytes = fs.readFileSync(file);
      } catch (e) {
        throw new Error(`${modelJsonPath}: cannot read weight shard ${file}: ${e.message}`);
      }
      shards.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    }
    specs.push(...group.weights);
  }
  return [specs, shards];
}

// `tf` is @tensorflow/tfjs-core; `modelJsonPath` a path or file:// URL of model.json.
function fileHandler(tf, modelJsonPath) {
  const file = modelJsonPath.startsWith('file://') ?
      require('url').fileURLToPath(modelJsonPath) : modelJsonPath;
  return {
    async load() {
      const modelJson = readJson(file);
      if (modelJson.modelTopology == null) {
        throw new Error(`${file}: no modelTopology (not a TF.js model.json)`);
      }
      return tf.io.getModelArtifactsForJSON(
          modelJson, async (manifest) => readWeights(manifest, path.dirname(file), file));
    },
  };
}

module.exports = {fileHandler};
