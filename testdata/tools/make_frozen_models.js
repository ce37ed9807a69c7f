// Writes the frozen-graph test models under testdata/frozen/<name>/: frozen_model.pbtxt (the
// BUILD turns it into frozen_model.pb), inputs/*.npy, the expected outputs/*.npy computed by
// reference_ops.js, and a case.json in the corpus's format (see ../README.md).
//
// usage: node testdata/tools/make_frozen_models.js [--check] [--root=DIR]
//   regenerates the committed files; --check fails if they differ from what is committed instead;
//   --root=DIR reads/writes DIR instead of testdata/frozen (relative to the current directory).
// Exit status: 0 done (or up to date), 1 stale files under --check, 2 bad command line.
//
// Weights and inputs are multiples of 1/8 with few digits, so convolutions, matmuls and sums are
// exact in float32 and only transcendental outputs (softmax, sigmoid) need a tolerance.
'use strict';

const path = require('path');
const {GraphBuilder, attr} = require('./pbtxt');
const ref = require('./reference_ops');
const {writeCase} = require('./case_files');
const {badCommandLine, printedHelp} = require('../../tools/tfjs/usage');

// Deterministic small values: k-th element is ((k * step + offset) mod modulus - center) * scale.
function pattern(count, {step = 3, offset = 0, modulus = 7, scale = 0.25} = {}) {
  const center = Math.floor(modulus / 2);
  return Array.from({length: count}, (_, k) => (((k * step + offset) % modulus) - center) * scale);
}

function convNet() {
  const g = new GraphBuilder();
  const x = ref.tensor('float32', [1, 5, 5, 1], pattern(25, {step: 5, offset: 1, scale: 0.5}));
  const filter = ref.tensor('float32', [3, 3, 1, 2], pattern(18, {step: 4, modulus: 5}));
  const bias = ref.tensor('float32', [2], [0.5, -0.25]);
  const dense = ref.tensor('float32', [8, 3], pattern(24, {step: 2, offset: 3, modulus: 5, scale: 0.125}));
  const denseBias = ref.tensor('float32', [3], [0.125, 0, -0.125]);
  const float = attr.type('float32');
  const ones = attr.ints([1, 1, 1, 1]);

  g.placeholder('image', 'float32', [1, 5, 5, 1]);
  g.constant('conv/filter', 'float32', filter.shape, filter.data, 'content');
  g.constant('conv/bias', 'float32', bias.shape, bias.data);
  g.add('conv/Conv2D', 'Conv2D', ['image', 'conv/filter'], {
    T: float, strides: ones, dilations: ones, padding: attr.str('VALID'),
    data_format: attr.str('NHWC'), use_cudnn_on_gpu: attr.bool(true),
  });
  g.add('conv/BiasAdd', 'BiasAdd', ['conv/Conv2D', 'conv/bias'], {T: float, data_format: attr.str('NHWC')});
  g.add('conv/Relu', 'Relu', ['conv/BiasAdd'], {T: float});
  g.add('pool', 'MaxPool', ['conv/Relu'], {
    T: float, ksize: attr.ints([1, 2, 2, 1]), strides: ones, padding: attr.str('VALID'),
    data_format: attr.str('NHWC'),
  });
  g.constant('flatten/shape', 'int64', [2], [-1n, 8n]);
  g.add('flatten', 'Reshape', ['pool', 'flatten/shape'], {T: float, Tshape: attr.type('int64')});
  g.constant('dense/kernel', 'float32', dense.shape, dense.data);
  g.constant('dense/bias', 'float32', denseBias.shape, denseBias.data);
  g.add('dense/MatMul', 'MatMul', ['flatten', 'dense/kernel'], {
    T: float, transpose_a: attr.bool(false), transpose_b: attr.bool(false),
  });
  g.add('logits', 'BiasAdd', ['dense/MatMul', 'dense/bias'], {T: float, data_format: attr.str('NHWC')});
  g.add('probs', 'Softmax', ['logits'], {T: float});

  const relu = ref.relu(ref.biasAdd(ref.conv2dValid(x, filter), bias));
  const logits = ref.biasAdd(ref.matMul(ref.reshape(ref.maxPoolValid(relu, 2, 1), [-1, 8]), dense), denseBias);
  return {
    name: 'conv_net', graph: g,
    notes: 'Conv2D(VALID)+BiasAdd+Relu+MaxPool+Reshape(int64 shape)+MatMul+BiasAdd+Softmax; ' +
        'the filter is stored as tensor_content, other constants as float_val.',
    inputs: [{name: 'image', value: x}],
    outputs: [{name: 'logits', value: logits}, {name: 'probs', value: ref.softmax(logits)}],
  };
}

function denseNet() {
  const g = new GraphBuilder();
  const x = ref.tensor('float32', [2, 4], pattern(8, {step: 3, offset: 2, scale: 0.5}));
  const w1 = ref.tensor('float32', [4, 3], pattern(12, {step: 5, offset: 1, modulus: 9, scale: 0.25}));
  const b1 = ref.tensor('float32', [3], [0.25, -0.5, 0]);
  // Stored transposed ([out, in]) and multiplied with transpose_b.
  const w2 = ref.tensor('float32', [2, 3], [0.5, -1, 0.75, -0.25, 0.5, 1]);
  const b2 = ref.tensor('float32', [2], [0.375, 0.375]);
  const float = attr.type('float32');

  g.placeholder('features', 'float32', [-1, 4]);
  g.constant('dense_1/kernel', 'float32', w1.shape, w1.data, 'content');
  g.constant('dense_1/bias', 'float32', b1.shape, b1.data);
  g.add('dense_1/MatMul', 'MatMul', ['features', 'dense_1/kernel'], {
    T: float, transpose_a: attr.bool(false), transpose_b: attr.bool(false),
  });
  g.add('dense_1/BiasAdd', 'BiasAdd', ['dense_1/MatMul', 'dense_1/bias'], {T: float, data_format: attr.str('NHWC')});
  g.add('dense_1/Relu', 'Relu', ['dense_1/BiasAdd'], {T: float});
  g.constant('dense_2/kernel', 'float32', w2.shape, w2.data);
  g.constant('dense_2/bias', 'float32', b2.shape, b2.data, 'splat');
  g.add('dense_2/MatMul', 'MatMul', ['dense_1/Relu', 'dense_2/kernel'], {
    T: float, transpose_a: attr.bool(false), transpose_b: attr.bool(true),
  });
  g.add('dense_2/add', 'AddV2', ['dense_2/MatMul', 'dense_2/bias'], {T: float});
  g.add('dense_2/Sigmoid', 'Sigmoid', ['dense_2/add'], {T: float});

  const hidden = ref.relu(ref.biasAdd(ref.matMul(x, w1), b1));
  const y = ref.sigmoid(ref.biasAdd(ref.matMul(hidden, w2, {transposeB: true}), b2));
  return {
    name: 'dense_net', graph: g,
    notes: 'Two dense layers (MatMul, MatMul transpose_b) with BiasAdd/AddV2, Relu, Sigmoid; ' +
        'batch dimension unknown (-1); a bias stored as one repeated float_val.',
    inputs: [{name: 'features', value: x}],
    outputs: [{name: 'dense_1/Relu', value: hidden}, {name: 'dense_2/Sigmoid', value: y}],
  };
}

function intBoolOps() {
  const g = new GraphBuilder();
  const a = ref.tensor('int32', [2, 3], [4, -3, 6, -7, 5, 0]);
  const b = ref.tensor('int32', [2, 3], [4, 1, 2, -7, 0, 6]);
  const m = ref.tensor('bool', [2, 3], [true, true, false, false, false, true]);
  const int = attr.type('int32');

  g.placeholder('a', 'int32', [2, 3]);
  g.placeholder('b', 'int32', [2, 3]);
  g.placeholder('mask', 'bool', [2, 3]);
  g.constant('two', 'int32', [], [2]);
  g.constant('three', 'int32', [], [3]);
  g.constant('half', 'float32', [], [0.5]);
  g.constant('axis', 'int32', [1], [1]);
  g.constant('argmax/dimension', 'int32', [], [1]);
  g.add('equal', 'Equal', ['a', 'b'], {T: int, incompatible_shape_error: attr.bool(true)});
  g.add('greater', 'Greater', ['a', 'two'], {T: int});
  g.add('select', 'SelectV2', ['greater', 'a', 'b'], {T: int});
  g.add('equal_and_mask', 'LogicalAnd', ['equal', 'mask']);
  g.add('not_mask', 'LogicalNot', ['mask']);
  g.add('any_row', 'Any', ['equal_and_mask', 'axis'], {Tidx: int, keep_dims: attr.bool(false)});
  g.add('a_float', 'Cast', ['a'], {SrcT: int, DstT: attr.type('float32'), Truncate: attr.bool(false)});
  g.add('a_half', 'Mul', ['a_float', 'half'], {T: attr.type('float32')});
  g.add('mask_int', 'Cast', ['equal_and_mask'], {SrcT: attr.type('bool'), DstT: int, Truncate: attr.bool(false)});
  g.add('row_sum', 'Sum', ['a', 'axis'], {T: int, Tidx: int, keep_dims: attr.bool(false)});
  g.add('argmax', 'ArgMax', ['a', 'argmax/dimension'], {T: int, Tidx: int, output_type: attr.type('int64')});
  g.add('floor_mod', 'FloorMod', ['a', 'three'], {T: int});

  const scalar = (dtype, v) => ref.tensor(dtype, [], [v]);
  const equal = ref.broadcast(a, b, (p, q) => p === q, 'bool');
  const equalAndMask = ref.broadcast(equal, m, (p, q) => p && q, 'bool');
  const greater = ref.broadcast(a, scalar('int32', 2), (p, q) => p > q, 'bool');
  return {
    name: 'int_bool_ops', graph: g,
    notes: 'int32 and bool tensors: Equal, Greater, SelectV2, LogicalAnd/Not, Any, Cast, Sum, ' +
        'ArgMax with int64 output, FloorMod with negative operands.',
    inputs: [{name: 'a', value: a}, {name: 'b', value: b}, {name: 'mask', value: m}],
    outputs: [
      {name: 'equal', value: equal},
      {name: 'select', value: ref.map(greater, (c, i) => (c ? a.data[i] : b.data[i]), 'int32')},
      {name: 'not_mask', value: ref.map(m, (v) => !v)},
      {name: 'any_row', value: ref.reduce(equalAndMask, 1, false, (acc, v) => acc || v)},
      {name: 'a_half', value: ref.map(a, (v) => v * 0.5, 'float32')},
      {name: 'mask_int', value: ref.map(equalAndMask, (v) => (v ? 1 : 0), 'int32')},
      {name: 'row_sum', value: ref.reduce(a, 1, 0, (acc, v) => acc + v)},
      {name: 'argmax', value: ref.argMax(a, 1, 'int64')},
      {name: 'floor_mod', value: ref.floorMod(a, scalar('int32', 3))},
    ],
  };
}

function scalarAndEmpty() {
  const g = new GraphBuilder();
  const s = ref.tensor('float32', [], [1.75]);
  const e = ref.tensor('float32', [0, 3], []);
  const rows = ref.tensor('float32', [2, 3], [1, 2, 3, -4, -5, -6]);
  const float = attr.type('float32');

  g.placeholder('scalar', 'float32', []);
  g.placeholder('empty', 'float32', [-1, 3]);
  g.constant('two', 'float32', [], [2]);
  g.constant('one', 'float32', [], [1]);
  g.constant('rows', 'float32', rows.shape, rows.data);
  g.constant('axis0', 'int32', [], [0]);
  g.constant('reduce_axis', 'int32', [1], [0]);
  g.add('scaled', 'Mul', ['scalar', 'two'], {T: float});
  g.add('affine', 'AddV2', ['scaled', 'one'], {T: float});
  g.add('relu_empty', 'Relu', ['empty'], {T: float});
  g.add('concat', 'ConcatV2', ['empty', 'rows', 'axis0'], {T: float, N: attr.int(2), Tidx: attr.type('int32')});
  g.add('shape_of_empty', 'Shape', ['empty'], {T: float, out_type: attr.type('int32')});
  g.add('sum_empty', 'Sum', ['empty', 'reduce_axis'], {T: float, Tidx: attr.type('int32'), keep_dims: attr.bool(false)});

  return {
    name: 'scalar_and_empty', graph: g,
    notes: 'A rank-0 input and a zero-size [0, 3] input: scalar arithmetic, Relu of an empty ' +
        'tensor, ConcatV2 with an empty part, Shape, Sum over a zero-length axis.',
    inputs: [{name: 'scalar', value: s}, {name: 'empty', value: e}],
    outputs: [
      {name: 'affine', value: ref.map(s, (v) => v * 2 + 1)},
      {name: 'relu_empty', value: ref.relu(e)},
      {name: 'concat', value: ref.concat([e, rows], 0)},
      {name: 'shape_of_empty', value: ref.tensor('int32', [2], [0, 3])},
      {name: 'sum_empty', value: ref.reduce(e, 0, 0, (acc, v) => acc + v)},
    ],
  };
}

// The layer patterns tensorflowjs_converter folds and fuses: Conv2D + FusedBatchNormV3 + Keras's
// PReLU ops, DepthwiseConv2dNative + AddV2 of a per-channel constant + Relu6, and
// MatMul + BiasAdd + LeakyRelu.
function fusedBlocks() {
  const g = new GraphBuilder();
  const float = attr.type('float32');
  const ones = attr.ints([1, 1, 1, 1]);
  const convAttrs = {T: float, strides: ones, dilations: ones, padding: attr.str('VALID'),
                     data_format: attr.str('NHWC')};
  const x = ref.tensor('float32', [1, 5, 5, 2], pattern(50, {step: 5, offset: 1, scale: 0.5}));
  const filter = ref.tensor('float32', [3, 3, 2, 3], pattern(54, {step: 4, modulus: 5}));
  const norm = {
    scale: ref.tensor('float32', [3], [1.5, 0.5, -1]),
    offset: ref.tensor('float32', [3], [0.25, -0.5, 0.125]),
    mean: ref.tensor('float32', [3], [0.5, -0.25, 1]),
    variance: ref.tensor('float32', [3], [2, 0.5, 1.25]),
    epsilon: 0.001,
  };
  const alpha = ref.tensor('float32', [3], [0.25, 0.5, 0.125]);
  const dwFilter = ref.tensor('float32', [2, 2, 3, 1], pattern(12, {step: 3, offset: 2, modulus: 5, scale: 0.5}));
  const dwBias = ref.tensor('float32', [3], [0.5, -0.25, 1]);
  const kernel = ref.tensor('float32', [12, 2], pattern(24, {step: 5, offset: 3, modulus: 7, scale: 0.125}));
  const kernelBias = ref.tensor('float32', [2], [-0.5, 0.25]);

  g.placeholder('image', 'float32', [1, 5, 5, 2]);
  g.constant('conv/filter', 'float32', filter.shape, filter.data, 'content');
  g.add('conv/Conv2D', 'Conv2D', ['image', 'conv/filter'], convAttrs);
  for (const key of ['scale', 'offset', 'mean', 'variance']) {
    g.constant(`bn/${key}`, 'float32', [3], norm[key].data);
  }
  g.add('bn/FusedBatchNormV3', 'FusedBatchNormV3',
        ['conv/Conv2D', 'bn/scale', 'bn/offset', 'bn/mean', 'bn/variance'], {
          T: float, U: float, epsilon: attr.float(norm.epsilon), data_format: attr.str('NHWC'),
          is_training: attr.bool(false), exponential_avg_factor: attr.float(1),
        });
  g.constant('p_re_lu/alpha', 'float32', [3], alpha.data);
  g.add('p_re_lu/Relu', 'Relu', ['bn/FusedBatchNormV3'], {T: float});
  g.add('p_re_lu/Neg', 'Neg', ['p_re_lu/alpha'], {T: float});
  g.add('p_re_lu/Neg_1', 'Neg', ['bn/FusedBatchNormV3'], {T: float});
  g.add('p_re_lu/Relu_1', 'Relu', ['p_re_lu/Neg_1'], {T: float});
  g.add('p_re_lu/mul', 'Mul', ['p_re_lu/Neg', 'p_re_lu/Relu_1'], {T: float});
  g.add('p_re_lu/add', 'AddV2', ['p_re_lu/Relu', 'p_re_lu/mul'], {T: float});
  g.constant('dw/filter', 'float32', dwFilter.shape, dwFilter.data);
  g.add('dw/depthwise', 'DepthwiseConv2dNative', ['p_re_lu/add', 'dw/filter'], convAttrs);
  g.constant('dw/bias', 'float32', [3], dwBias.data);
  g.add('dw/add', 'AddV2', ['dw/depthwise', 'dw/bias'], {T: float});
  g.add('dw/Relu6', 'Relu6', ['dw/add'], {T: float});
  g.constant('flatten/shape', 'int32', [2], [-1, 12]);
  g.add('flatten', 'Reshape', ['dw/Relu6', 'flatten/shape'], {T: float, Tshape: attr.type('int32')});
  g.constant('dense/kernel', 'float32', kernel.shape, kernel.data);
  g.constant('dense/bias', 'float32', [2], kernelBias.data);
  g.add('dense/MatMul', 'MatMul', ['flatten', 'dense/kernel'], {
    T: float, transpose_a: attr.bool(false), transpose_b: attr.bool(false),
  });
  g.add('dense/BiasAdd', 'BiasAdd', ['dense/MatMul', 'dense/bias'], {T: float, data_format: attr.str('NHWC')});
  g.add('dense/LeakyRelu', 'LeakyRelu', ['dense/BiasAdd'], {T: float, alpha: attr.float(0.25)});

  const normed = ref.batchNorm(ref.conv2dValid(x, filter), norm);
  const prelu = ref.broadcast(normed, alpha, (v, a) => (v > 0 ? v : a * v));
  const dw = ref.map(ref.biasAdd(ref.depthwiseConv2dValid(prelu, dwFilter), dwBias),
                     (v) => Math.min(Math.max(v, 0), 6));
  const dense = ref.map(ref.biasAdd(ref.matMul(ref.reshape(dw, [-1, 12]), kernel), kernelBias),
                        (v) => (v > 0 ? v : 0.25 * v));
  return {
    name: 'fused_blocks', graph: g,
    notes: 'Conv2D + FusedBatchNormV3 (inference) + the ops of Keras PReLU, ' +
        'DepthwiseConv2dNative + AddV2 bias + Relu6, MatMul + BiasAdd + LeakyRelu: the patterns ' +
        'the converter folds into _FusedConv2D, FusedDepthwiseConv2dNative and _FusedMatMul.',
    inputs: [{name: 'image', value: x}],
    outputs: [{name: 'p_re_lu/add', value: prelu}, {name: 'dense/LeakyRelu', value: dense}],
  };
}

// A channels-first (NCHW) network, as GPU-trained models have them: TF.js computes it only after
// the converter's NchwToNhwc. The reference computes in NHWC between explicit transposes.
function nchwNet() {
  const g = new GraphBuilder();
  const x = ref.tensor('float32', [2, 2, 6, 5], pattern(120, {step: 5, offset: 1, modulus: 9, scale: 0.25}));
  const filter = ref.tensor('float32', [3, 3, 2, 3], pattern(54, {step: 4, modulus: 5, scale: 0.125}));
  const bias = ref.tensor('float32', [3], [0.5, -0.25, 0.125]);
  const channelScale = ref.tensor('float32', [1, 3, 1, 1], [1, -0.5, 2]);
  const depthwise = ref.tensor('float32', [2, 2, 3, 2], pattern(24, {step: 3, modulus: 7, scale: 0.125}));
  const bn = {
    scale: ref.tensor('float32', [6], [1, 0.5, 2, 1, 0.25, 1.5]),
    offset: ref.tensor('float32', [6], [0, 0.5, -0.5, 0.25, 0, 1]),
    mean: ref.tensor('float32', [6], [0.25, 0, -0.25, 0.5, 0, 0.125]),
    variance: ref.tensor('float32', [6], [1, 0.5, 2, 0.25, 1, 4]),
    epsilon: 0.001,
  };
  const float = attr.type('float32');
  const nchw = attr.str('NCHW');
  const ones = attr.ints([1, 1, 1, 1]);

  g.placeholder('image', 'float32', x.shape);
  g.constant('conv/filter', 'float32', filter.shape, filter.data, 'content');
  g.add('conv/filter/read', 'Identity', ['conv/filter'], {T: float});
  g.constant('conv/bias', 'float32', bias.shape, bias.data);
  g.add('conv/Conv2D', 'Conv2D', ['image', 'conv/filter/read'], {
    T: float, strides: ones, dilations: ones, padding: attr.str('VALID'), data_format: nchw,
    use_cudnn_on_gpu: attr.bool(true),
  });
  g.add('conv/BiasAdd', 'BiasAdd', ['conv/Conv2D', 'conv/bias'], {T: float, data_format: nchw});
  g.add('conv/Relu', 'Relu', ['conv/BiasAdd'], {T: float});
  g.constant('channel_scale', 'float32', channelScale.shape, channelScale.data);
  g.add('scaled', 'Mul', ['conv/Relu', 'channel_scale'], {T: float});
  g.add('pool', 'MaxPool', ['scaled'], {
    T: float, ksize: attr.ints([1, 1, 2, 2]), strides: ones, padding: attr.str('VALID'),
    data_format: nchw,
  });
  g.constant('depthwise/filter', 'float32', depthwise.shape, depthwise.data);
  g.add('depthwise', 'DepthwiseConv2dNative', ['pool', 'depthwise/filter'], {
    T: float, strides: ones, dilations: ones, padding: attr.str('VALID'), data_format: nchw,
  });
  for (const name of ['scale', 'offset', 'mean', 'variance']) {
    g.constant(`bn/${name}`, 'float32', bn[name].shape, bn[name].data);
  }
  g.add('bn', 'FusedBatchNormV3', ['depthwise', 'bn/scale', 'bn/offset', 'bn/mean', 'bn/variance'], {
    T: float, U: float, epsilon: attr.float(bn.epsilon), data_format: nchw,
    is_training: attr.bool(false), exponential_avg_factor: attr.float(1),
  });

  const toNhwc = (t) => ref.transpose(t, [0, 2, 3, 1]);
  const toNchw = (t) => ref.transpose(t, [0, 3, 1, 2]);
  const relu = ref.relu(ref.biasAdd(ref.conv2dValid(toNhwc(x), filter), bias));
  const scaled = ref.broadcast(relu, toNhwc(channelScale), (p, q) => p * q);
  const normalized = ref.batchNorm(ref.depthwiseConv2dValid(ref.maxPoolValid(scaled, 2, 1), depthwise), bn);
  return {
    name: 'nchw_net', graph: g,
    notes: 'Conv2D+BiasAdd+Relu, Mul by a [1, C, 1, 1] Const, MaxPool, DepthwiseConv2dNative and ' +
        'inference FusedBatchNormV3, all with data_format NCHW; outputs in the middle and at the end.',
    inputs: [{name: 'image', value: x}],
    outputs: [{name: 'conv/Relu', value: toNchw(relu)}, {name: 'bn', value: toNchw(normalized)}],
  };
}

// 8- and 16-bit integer arithmetic leaving its range, which TF wraps and TF.js (int32) does not:
// TF.js computes it only after the converter's WidenNarrowInts.
function narrowInts() {
  const g = new GraphBuilder();
  const a = ref.tensor('int8', [4], [100, -128, 1, -7]);
  const b = ref.tensor('int8', [4], [100, -128, 127, 5]);
  const c = ref.tensor('int16', [2], [30000, -30000]);
  g.constant('a', 'int8', a.shape, a.data, 'content');
  g.constant('b', 'int8', b.shape, b.data);
  g.constant('c', 'int16', c.shape, c.data);
  g.add('sum', 'AddV2', ['a', 'b'], {T: attr.type('int8')});
  g.add('product', 'Mul', ['sum', 'a'], {T: attr.type('int8')});
  g.add('as_uint8', 'Cast', ['product'], {
    SrcT: attr.type('int8'), DstT: attr.type('uint8'), Truncate: attr.bool(false),
  });
  g.add('square', 'Mul', ['c', 'c'], {T: attr.type('int16')});

  const sum = ref.broadcast(a, b, (p, q) => ref.wrapInt(p + q, 8, true));
  const product = ref.broadcast(sum, a, (p, q) => ref.wrapInt(p * q, 8, true));
  return {
    name: 'narrow_ints', graph: g,
    notes: 'int8 AddV2 and Mul, an int8 -> uint8 Cast and an int16 Mul whose values leave the ' +
        'narrow range and wrap.',
    inputs: [],
    outputs: [
      {name: 'sum', value: sum},
      {name: 'product', value: product},
      {name: 'as_uint8', value: ref.map(product, (v) => ref.wrapInt(v, 8, false), 'uint8')},
      {name: 'square', value: ref.map(c, (v) => ref.wrapInt(v * v, 16, true))},
    ],
  };
}

const MODELS = [convNet, denseNet, intBoolOps, scalarAndEmpty, fusedBlocks, nchwNet, narrowInts];

function main(argv) {
  if (printedHelp(argv, __filename)) return 0;
  const unknown = argv.find((a) => a !== '--check' && !a.startsWith('--root='));
  if (unknown) return badCommandLine('make_frozen_models', `unknown argument ${unknown}`);
  const check = argv.includes('--check');
  const rootFlag = argv.find((a) => a.startsWith('--root='));
  const root = rootFlag ? rootFlag.slice('--root='.length) : path.join(__dirname, '..', 'frozen');
  let stale = 0;
  for (const make of MODELS) {
    const model = make();
    const header = `${model.name}: ${model.notes}\nGenerated by testdata/tools/make_frozen_models.js; edit that, not this.`;
    stale += writeCase(path.join(root, model.name), {
      id: `testdata__${model.name}`,
      format: 'tf_frozen_model',
      modelFiles: {'frozen_model.pbtxt': model.graph.graphDefText(header)},
      inputs: model.inputs,
      outputs: model.outputs,
      ops: [...model.graph.ops].sort(),
      notes: model.notes + ' Expected outputs from testdata/tools/reference_ops.js.',
    }, {check});
  }
  if (check && stale) {
    console.error(`${stale} generated file(s) are stale: run node testdata/tools/make_frozen_models.js`);
    return 1;
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

module.exports = {MODELS, pattern};
