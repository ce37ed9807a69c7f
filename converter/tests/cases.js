// Finds the conformance cases (corpus layout: <dir>/case.json + model + inputs/ + outputs/) and
// decides which ones the end-to-end test runs.
'use strict';

const fs = require('fs');
const path = require('path');

// Every directory under `root` holding a case.json; SavedModel folders are not searched.
function findCaseDirs(root) {
  const found = [];
  const walk = (dir, depth) => {
    if (fs.existsSync(path.join(dir, 'case.json'))) {
      found.push(dir);
      return;
    }
    if (depth === 0) return;
    for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
      if (entry.isDirectory() || entry.isSymbolicLink()) {
        const child = path.join(dir, entry.name);
        if (fs.statSync(child).isDirectory()) walk(child, depth - 1);
      }
    }
  };
  walk(root, 3);
  return found.sort();
}

function loadCase(dir) {
  const file = path.join(dir, 'case.json');
  const testCase = JSON.parse(fs.readFileSync(file, 'utf8'));
  testCase.dir = dir;
  return testCase;
}

// Ops TF.js 4.22's graph executor runs: the keys of tfjs-converter's kernel-to-op table.
function tfjsOps(nodeModules) {
  const file = path.join(nodeModules, '@tensorflow/tfjs-converter/metadata/kernel2op.json');
  return new Set(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8'))));
}

// Tensor dtypes TF.js has no tensors for (it holds float32, int32, bool, complex64 and string;
// the converter narrows float64 and int64 the way tensorflowjs_converter does, and those cases
// are compared after narrowing). tensorflowjs_converter cannot write bfloat16 weights and TF.js
// 4.22 cannot load float16 ones; int8 and int16 graphs run as int32 (the converter's
// WidenNarrowInts) and are compared as integers.
const DTYPES_TFJS_LACKS = new Set(['float16', 'bfloat16']);

// Why `testCase` is out of scope, or null when the test runs it. In scope: comparable frozen
// graphs whose every op TF.js runs, and comparable SavedModels (their op lists include the
// save/restore machinery the converter drops, so they are all tried); in both, only when every
// input and output has a dtype TF.js can hold.
function outOfScopeReason(testCase, supportedOps) {
  if (!testCase.compare) return 'no reference outputs (compare: false)';
  const lacking = [...testCase.inputs, ...testCase.outputs].map((t) => t.dtype)
      .filter((dtype) => DTYPES_TFJS_LACKS.has(dtype));
  if (lacking.length) return `dtypes TF.js lacks: ${[...new Set(lacking)].join(', ')}`;
  if (testCase.format === 'tf_saved_model') return null;
  if (testCase.format !== 'tf_frozen_model') return `format ${testCase.format}`;
  const missing = testCase.ops.filter((op) => !supportedOps.has(op));
  if (missing.length) return `ops TF.js lacks: ${missing.join(', ')}`;
  if (!testCase.outputs.some((o) => o.file)) return 'no stored outputs';
  return null;
}

// known_failures.txt: "<case id> <reason>" per line; '#' starts a comment.
function readKnownFailures(file) {
  const known = new Map();
  fs.readFileSync(file, 'utf8').split('\n').forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const match = /^(\S+)\s+(\S.*)$/.exec(line);
    if (!match) throw new Error(`${file}:${index + 1}: want "<case id> <reason>", got "${raw}"`);
    if (known.has(match[1])) throw new Error(`${file}:${index + 1}: ${match[1]} listed twice`);
    known.set(match[1], match[2]);
  });
  return known;
}

module.exports = {findCaseDirs, loadCase, outOfScopeReason, readKnownFailures, tfjsOps};
