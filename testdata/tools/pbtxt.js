// Builds TensorFlow text-format protos (GraphDef nodes, attrs, tensors) for the test-model
// generators; the output is what `pbtxt_to_pb` reads.
'use strict';

const TF_DTYPE = {
  float32: 'DT_FLOAT', float64: 'DT_DOUBLE', int32: 'DT_INT32', int64: 'DT_INT64',
  int8: 'DT_INT8', int16: 'DT_INT16', uint8: 'DT_UINT8', uint16: 'DT_UINT16', bool: 'DT_BOOL',
  string: 'DT_STRING', resource: 'DT_RESOURCE',
};

// Repeated value field of TensorProto per dtype, and how one value is spelled in text.
const VALUE_FIELD = {
  float32: ['float_val', (v) => formatFloat(v)],
  float64: ['double_val', (v) => formatFloat(v)],
  int32: ['int_val', String], int8: ['int_val', String], int16: ['int_val', String],
  uint8: ['int_val', String], uint16: ['int_val', String],
  int64: ['int64_val', String],
  bool: ['bool_val', (v) => (v ? 'true' : 'false')],
  string: ['string_val', (v) => quote(Buffer.from(v))],
};

// Little-endian element bytes for TensorProto.tensor_content.
const CONTENT_ARRAY = {
  float32: Float32Array, float64: Float64Array, int32: Int32Array, int8: Int8Array,
  int16: Int16Array, uint8: Uint8Array, uint16: Uint16Array, bool: Uint8Array,
  int64: BigInt64Array,
};

function formatFloat(v) {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return Object.is(v, -0) ? '-0' : String(v);
}

// A text-format string literal; every non-printable byte as a three-digit octal escape.
function quote(bytes) {
  let out = '"';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += '\\' + b.toString(8).padStart(3, '0');
  }
  return out + '"';
}

function tfDtype(dtype) {
  const tf = TF_DTYPE[dtype];
  if (!tf) throw new Error(`no TF dtype for '${dtype}'`);
  return tf;
}

function shapeText(shape) {
  if (shape === null) return 'unknown_rank: true';
  return shape.map((d) => `dim { size: ${d} }`).join(' ');
}

// A TensorProto body. encoding: 'values' (one *_val entry per element), 'content' (packed
// tensor_content bytes) or 'splat' (a single *_val that TF repeats to fill the shape).
function tensorText(dtype, shape, values, encoding = 'values') {
  const parts = [`dtype: ${tfDtype(dtype)}`, `tensor_shape { ${shapeText(shape)} }`];
  if (encoding === 'content') {
    const array = CONTENT_ARRAY[dtype].from(values, dtype === 'bool' ? (v) => (v ? 1 : 0) : undefined);
    parts.push(`tensor_content: ${quote(Buffer.from(array.buffer))}`);
  } else {
    const [field, format] = VALUE_FIELD[dtype];
    const written = encoding === 'splat' ? values.slice(0, 1) : values;
    if (encoding === 'splat' && !values.every((v) => v === values[0])) {
      throw new Error('splat encoding needs identical values');
    }
    for (const v of written) parts.push(`${field}: ${format(v)}`);
  }
  return parts.join(' ');
}

// Attr values, tagged by kind: attr.type('float32'), attr.ints([1, 1]), ...
const attr = {
  type: (dtype) => `type: ${tfDtype(dtype)}`,
  types: (dtypes) => `list { ${dtypes.map((d) => `type: ${tfDtype(d)}`).join(' ')} }`,
  int: (v) => `i: ${v}`,
  ints: (vs) => `list { ${vs.map((v) => `i: ${v}`).join(' ')} }`,
  float: (v) => `f: ${formatFloat(v)}`,
  bool: (v) => `b: ${v ? 'true' : 'false'}`,
  str: (v) => `s: ${quote(Buffer.from(v))}`,
  strs: (vs) => `list { ${vs.map((v) => `s: ${quote(Buffer.from(v))}`).join(' ')} }`,
  shape: (shape) => `shape { ${shapeText(shape)} }`,
  shapes: (shapes) => `list { ${shapes.map((s) => `shape { ${shapeText(s)} }`).join(' ')} }`,
  tensor: (dtype, shape, values, encoding) =>
    `tensor { ${tensorText(dtype, shape, values, encoding)} }`,
  func: (name) => `func { name: ${quote(Buffer.from(name))} }`,
  funcs: (names) => `list { ${names.map((n) => `func { name: ${quote(Buffer.from(n))} }`).join(' ')} }`,
};

// One NodeDef in text form, as field `field` ("node" in a GraphDef, "node_def" in a
// FunctionDef); `indent` prefixes every line.
function nodeText({name, op, inputs = [], attrs = {}, device}, indent = '', field = 'node') {
  const lines = [`${indent}${field} {`, `${indent}  name: ${quote(Buffer.from(name))}`,
                 `${indent}  op: ${quote(Buffer.from(op))}`];
  for (const input of inputs) lines.push(`${indent}  input: ${quote(Buffer.from(input))}`);
  if (device !== undefined) lines.push(`${indent}  device: ${quote(Buffer.from(device))}`);
  for (const key of Object.keys(attrs).sort()) {
    lines.push(`${indent}  attr { key: ${quote(Buffer.from(key))} value { ${attrs[key]} } }`);
  }
  lines.push(`${indent}}`);
  return lines.join('\n');
}

// Collects nodes in order; every node builder returns the node's name for use as an input.
class GraphBuilder {
  constructor() {
    this.nodes = [];
    this.ops = new Set();
  }

  add(name, op, inputs = [], attrs = {}) {
    if (this.nodes.some((n) => n.name === name)) throw new Error(`duplicate node '${name}'`);
    this.nodes.push({name, op, inputs, attrs});
    this.ops.add(op);
    return name;
  }

  placeholder(name, dtype, shape) {
    return this.add(name, 'Placeholder', [], {dtype: attr.type(dtype), shape: attr.shape(shape)});
  }

  constant(name, dtype, shape, values, encoding = 'values') {
    return this.add(name, 'Const', [], {
      dtype: attr.type(dtype),
      value: attr.tensor(dtype, shape, values, encoding),
    });
  }

  // A GraphDef text file (producer 1087: a TF 2.x-era graph).
  graphDefText(header) {
    return `${commentText(header)}\n${this.nodesText()}\nversions { producer: 1087 }\n`;
  }

  nodesText(indent = '', field = 'node') {
    return this.nodes.map((n) => nodeText(n, indent, field)).join('\n');
  }
}

function commentText(text) {
  return text.split('\n').map((line) => `# ${line}`.trimEnd()).join('\n');
}

// A FunctionDef: `inputs`/`outputs` are [{name, dtype}], `body` a GraphBuilder whose node inputs
// use function-body names ("arg", "node:out_arg:k", "^node"), `ret` maps output names to body
// tensors and `controlRet` names the stateful nodes that must run.
function functionText({name, inputs, outputs, body, ret, controlRet = [], indent = ''}) {
  const arg = (kind, {name: argName, dtype}) =>
    `${indent}    ${kind} { name: ${quote(Buffer.from(argName))} type: ${tfDtype(dtype)} }`;
  const lines = [`${indent}function {`, `${indent}  signature {`,
                 `${indent}    name: ${quote(Buffer.from(name))}`,
                 ...inputs.map((a) => arg('input_arg', a)),
                 ...outputs.map((a) => arg('output_arg', a))];
  if (controlRet.length || body.nodes.some((n) => STATEFUL_OPS.has(n.op))) {
    lines.push(`${indent}    is_stateful: true`);
  }
  for (const c of controlRet) lines.push(`${indent}    control_output: ${quote(Buffer.from(c))}`);
  lines.push(`${indent}  }`, body.nodesText(`${indent}  `, 'node_def'));
  for (const [key, value] of Object.entries(ret)) {
    lines.push(`${indent}  ret { key: ${quote(Buffer.from(key))} value: ${quote(Buffer.from(value))} }`);
  }
  for (const c of controlRet) {
    lines.push(`${indent}  control_ret { key: ${quote(Buffer.from(c))} value: ${quote(Buffer.from(c))} }`);
  }
  lines.push(`${indent}}`);
  return lines.join('\n');
}

// Ops that make the functions calling them stateful.
const STATEFUL_OPS = new Set([
  'ReadVariableOp', 'AssignVariableOp', 'VarHandleOp', 'RestoreV2', 'SaveV2',
  'StatefulPartitionedCall',
]);

module.exports = {
  GraphBuilder, attr, commentText, functionText, nodeText, quote, shapeText, tensorText, tfDtype,
  TF_DTYPE,
};
