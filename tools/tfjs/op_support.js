// Measures what real TF.js computes right: runs each case of //tools:tfjs_op_support_cases (one
// op example in one TF dtype, with the outputs our native kernels give, which follow TensorFlow)
// on TF.js's cpu backend and prints one line per op, type attr and dtype:
//   op <TAB> attr <TAB> DT_... <TAB> right | wrong | refuses [<TAB> symptom]
// (wrong: TF.js returns other values, dtype or shape; refuses: it throws, or has no such dtype).
//
//   node op_support.js --node_modules=DIR --cases=cases.jsonl --output=FILE
'use strict';

const fs = require('fs');
const {loadTfjs} = require('./graph_model_runner');

// The TF.js dtype of a TF dtype's tensors: what TF.js's graph executor maps attrs to
// (tfjs-converter's parseDtypeParam), and int32 for the 16- and unsigned 32/64-bit integers it
// maps to null, as the converter writes their weights (converter/writer/weight_encoding.cc) and
// users feed them; null where TF.js has none (bfloat16, float8, 4-bit and quantized types).
const TFJS_DTYPES = {
  DT_FLOAT: 'float32', DT_HALF: 'float32', DT_DOUBLE: 'float32',
  DT_INT32: 'int32', DT_INT64: 'int32', DT_INT8: 'int32', DT_UINT8: 'int32',
  DT_INT16: 'int32', DT_UINT16: 'int32', DT_UINT32: 'int32', DT_UINT64: 'int32',
  DT_BOOL: 'bool', DT_STRING: 'string', DT_COMPLEX64: 'complex64', DT_COMPLEX128: 'complex64',
};

function tfjsDtype(tfDtype) {
  return TFJS_DTYPES[tfDtype] || null;
}

function number(value) {
  return typeof value === 'string' ? Number(value) : value;
}

// `tensor` ({dtype, shape, values} from the case) as a TF.js tensor.
function toTensor(tf, tensor) {
  const dtype = tfjsDtype(tensor.dtype);
  if (dtype === 'string') {
    return tf.tensor(tensor.values.map((bytes) => Uint8Array.from(bytes)), tensor.shape, 'string');
  }
  const values = tensor.values.map(number);
  if (dtype === 'complex64') {
    const real = tf.tensor(values.filter((_, i) => i % 2 === 0), tensor.shape, 'float32');
    const imag = tf.tensor(values.filter((_, i) => i % 2 === 1), tensor.shape, 'float32');
    const complex = tf.complex(real, imag);
    tf.dispose([real, imag]);
    return complex;
  }
  // TF.js's converter wraps int64 weights to int32; the cases' integers fit.
  return tf.tensor(values, tensor.shape, dtype);
}

// The weights of the case's Consts, as model.json's manifest and shards would hold them.
function weightsOf(constants) {
  const specs = [];
  const chunks = [];
  for (const constant of constants) {
    const dtype = tfjsDtype(constant.dtype);
    specs.push({name: constant.name, shape: constant.shape, dtype});
    if (dtype === 'string') {
      for (const bytes of constant.values) {
        const length = Buffer.alloc(4);
        length.writeUInt32LE(bytes.length);
        chunks.push(length, Buffer.from(bytes));
      }
      continue;
    }
    const values = constant.values.map(number);
    const typed = dtype === 'int32' ? Int32Array.from(values) :
        dtype === 'bool' ? Uint8Array.from(values, (v) => (v ? 1 : 0)) : Float32Array.from(values);
    chunks.push(Buffer.from(typed.buffer));
  }
  const all = Buffer.concat(chunks);
  return {specs, data: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)};
}

// Float outputs may differ by TF.js's float32 arithmetic (TF.js computes float64 and float16 in
// float32) and the 16-bit types' rounding step, as //runtime/kernels:dtype_matrix_test allows.
function tolerance(testCase) {
  const base = Math.max(testCase.tolerance, 1e-5);
  if (testCase.dtype === 'DT_HALF') return base + 4 / 1024;
  if (testCase.dtype === 'DT_BFLOAT16') return base + 4 / 128;
  return base;
}

function close(got, want, tol) {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= tol * Math.max(1, Math.abs(want));
}

// The op of the node fetch `k` of `testCase` reads.
function fetchedOp(testCase, k) {
  const name = testCase.fetches[k].split(':')[0];
  const node = testCase.graph.node.find((n) => n.name === name);
  return node ? node.op : testCase.op;
}

// How symptoms name fetch `k`: "output K" of the op for single-op cases (whose fetches are
// op:0, op:1, ...), else the fetched tensor of the example's graph, with its node's op when that
// is another.
function fetchLabel(testCase, k) {
  if (testCase.fetches[k] === `op:${k}`) return `output ${k}`;
  const op = fetchedOp(testCase, k);
  return `fetch ${testCase.fetches[k]}` + (op === testCase.op ? '' : ` (${op})`);
}

// Why TF.js's `tensor` is not the expected output `k` of `testCase`; empty when it is.
async function difference(tensor, testCase, k) {
  const expected = testCase.expected[k];
  const tol = tolerance(testCase);
  const label = fetchLabel(testCase, k);
  const wantDtype = tfjsDtype(expected.dtype);
  if (tensor.dtype !== wantDtype) {
    return `${label} is ${tensor.dtype}, TensorFlow gives ${expected.dtype} ` +
        `(${wantDtype} in TF.js)`;
  }
  if (tensor.shape.join(',') !== expected.shape.join(',')) {
    return `${label} has shape [${tensor.shape}], TensorFlow gives [${expected.shape}]`;
  }
  if (wantDtype === 'string') {
    const got = tensor.bytesSync ? tensor.bytesSync() : await tensor.bytes();
    for (let i = 0; i < expected.values.length; ++i) {
      if (Buffer.compare(Buffer.from(got[i]), Buffer.from(expected.values[i])) !== 0) {
        return `${label} element ${i} is '${Buffer.from(got[i])}', TensorFlow gives ` +
            `'${Buffer.from(expected.values[i])}'`;
      }
    }
    return '';
  }
  const got = await tensor.data();
  const want = expected.values.map(number);
  for (let i = 0; i < want.length; ++i) {
    const value = wantDtype === 'bool' ? (got[i] ? 1 : 0) : got[i];
    if (!close(value, want[i], tol)) {
      return `${label} element ${i} is ${value}, TensorFlow gives ${want[i]}`;
    }
  }
  return '';
}

function describeError(e) {
  const text = e && e.message ? e.message : String(e);
  return text.split('\n')[0].replace(/\s+/g, ' ').slice(0, 200);
}

// TF.js throws some errors from promises it does not return (its executeAsync's tensor list
// ops): they fail the case that is running, as does one that runs longer than this.
const CASE_TIMEOUT_MS = 20000;
let failRunningCase = null;
process.on('uncaughtException', (e) => failRunningCase && failRunningCase(e));
process.on('unhandledRejection', (e) => failRunningCase && failRunningCase(e));

function guarded(promise) {
  let timer;
  const failure = new Promise((_, reject) => {
    failRunningCase = reject;
    timer = setTimeout(() => reject(new Error(`no result after ${CASE_TIMEOUT_MS} ms`)),
                       CASE_TIMEOUT_MS);
  });
  return Promise.race([promise, failure]).finally(() => {
    clearTimeout(timer);
    failRunningCase = null;
  });
}

// {verdict, symptom} for fetching outputs `indices` of one case.
async function runFetches({tf, tfconv}, testCase, indices) {
  const feeds = {};
  let fetched = [];
  let model;
  try {
    const weights = weightsOf(testCase.constants);
    model = await tfconv.loadGraphModel(tf.io.fromMemory({
      modelTopology: {versions: {}, ...testCase.graph},
      weightSpecs: weights.specs,
      weightData: weights.data,
      format: 'graph-model',
    }));
    for (const feed of testCase.feeds) feeds[feed.name] = toTensor(tf, feed);
    const fetches = indices.map((k) => testCase.fetches[k]);
    let result;
    try {
      result = model.execute(feeds, fetches);
    } catch (e) {
      if (!/executeAsync/.test(describeError(e))) throw e;
      result = await guarded(model.executeAsync(feeds, fetches));
    }
    fetched = Array.isArray(result) ? result : [result];
    for (let i = 0; i < indices.length; ++i) {
      const k = indices[i];
      if (!fetched[i]) {
        return {verdict: 'wrong', symptom: `${fetchLabel(testCase, k)} is not returned`};
      }
      const why = await difference(fetched[i], testCase, k);
      if (why) return {verdict: 'wrong', symptom: why};
    }
    return {verdict: 'right', symptom: ''};
  } catch (e) {
    return {verdict: 'refuses', symptom: describeError(e)};
  } finally {
    tf.dispose(Object.values(feeds));
    tf.dispose(fetched.filter((t) => t && t.dispose));
    if (model) model.dispose();
  }
}

// {verdict, symptom} for one case. Where fetching all outputs fails, each is fetched alone, so
// a symptom that only one output has starts with "output K" (TF.js runs Merge, and
// NonMaxSuppressionV5, without their last output), or "fetch node:K" in an example's graph.
async function runCase(tfjs, testCase) {
  for (const tensor of [...testCase.feeds, ...testCase.constants, ...testCase.expected]) {
    if (!tfjsDtype(tensor.dtype)) {
      return {verdict: 'refuses', symptom: `TF.js has no ${tensor.dtype} tensors`};
    }
  }
  if (!tfjsDtype(testCase.dtype) && testCase.dtype !== 'DT_INVALID') {
    return {verdict: 'refuses', symptom: `TF.js has no ${testCase.dtype} tensors`};
  }
  const all = testCase.fetches.map((_, k) => k);
  const together = await runFetches(tfjs, testCase, all);
  if (together.verdict !== 'refuses' || all.length < 2) return together;
  const alone = [];
  for (const k of all) alone.push(await runFetches(tfjs, testCase, [k]));
  if (alone.every((result) => result.verdict !== 'right')) return together;
  // In an example's graph, a fetch that fails alone is charged to the op of its node: another
  // op's failure is that op's measurement, and this op computed what the other fetches read.
  const failing = alone.findIndex(
      (result, k) => result.verdict !== 'right' && fetchedOp(testCase, k) === testCase.op);
  if (failing < 0) return {verdict: 'right', symptom: ''};
  const {verdict, symptom} = alone[failing];
  const label = fetchLabel(testCase, failing);
  return {verdict, symptom: symptom.startsWith(label) ? symptom : `${label}: ${symptom}`};
}

const HEADER = `\
# What real TF.js 4.22 (cpu backend) computes, per op TF.js lists, type attr and TF dtype: the op
# examples of runtime/kernels (//tools:tfjs_op_support_cases) run in TF.js and compared with our
# native kernels, which follow TensorFlow. Read by the converter's op check for --op_target=tfjs.
# Regenerate: tools/bazel run //tools/tfjs:update_op_support
# op<TAB>type attr ("-": none)<TAB>dtype<TAB>right | wrong | refuses[<TAB>symptom]; a symptom
# starting "output K" concerns only that output.
`;

function parseArgs(argv) {
  const args = {};
  for (const arg of argv) {
    const match = /^--([a-z_]+)=(.*)$/.exec(arg);
    if (!match) {
      throw new Error(`unknown argument '${arg}' (--node_modules=DIR --cases=FILE --output=FILE)`);
    }
    args[match[1]] = match[2];
  }
  if (!args.cases || !args.output) throw new Error('--cases=FILE and --output=FILE are required');
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const tfjs = await loadTfjs(args.node_modules, 'cpu');
  tfjs.tf.env().set('PROD', true);  // No debug-mode NaN checks.
  // TF.js's advice (use execute(), tf.print's output) is not a result.
  console.log = console.warn = console.info = () => {};
  const lines = fs.readFileSync(args.cases, 'utf8').split('\n').filter(Boolean);
  // "op\tattr\tdtype" -> the first verdict that is not right (examples run in order).
  const verdicts = new Map();
  for (const line of lines) {
    const testCase = JSON.parse(line);
    const key = [testCase.op, testCase.attr || '-', testCase.dtype].join('\t');
    const {verdict, symptom} = await runCase(tfjs, testCase);
    const previous = verdicts.get(key);
    if (!previous || (previous.verdict === 'right' && verdict !== 'right')) {
      const where = testCase.example ? ` (example '${testCase.example}')` : '';
      verdicts.set(key, {verdict, symptom: symptom ? symptom + where : ''});
    }
  }
  const rows = [...verdicts.keys()].sort().map((key) => {
    const {verdict, symptom} = verdicts.get(key);
    return [key, verdict, ...(symptom ? [symptom] : [])].join('\t') + '\n';
  });
  fs.writeFileSync(args.output, HEADER + rows.join(''));
}

main().catch((e) => {
  process.stderr.write(`op_support.js: ${e.stack || e}\n`);
  process.exit(1);
});
