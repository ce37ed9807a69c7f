// Plain-JavaScript reference semantics of the TF ops the generated test models use, computed
// in float64 (or exact integers), independently of TF, TF.js and this project's converter.
// A tensor is {dtype, shape, data} with `data` a row-major JS array.
'use strict';

function size(shape) {
  return shape.reduce((n, d) => n * d, 1);
}

function strides(shape) {
  const out = new Array(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; --i) out[i] = out[i + 1] * shape[i + 1];
  return out;
}

function tensor(dtype, shape, data) {
  if (data.length !== size(shape)) {
    throw new Error(`${dtype}[${shape}] needs ${size(shape)} values, got ${data.length}`);
  }
  return {dtype, shape, data};
}

function map(x, fn, dtype = x.dtype) {
  return tensor(dtype, x.shape, x.data.map(fn));
}

// NumPy-style broadcasting of a binary function.
function broadcast(a, b, fn, dtype = a.dtype) {
  const rank = Math.max(a.shape.length, b.shape.length);
  const pad = (s) => new Array(rank - s.length).fill(1).concat(s);
  const as = pad(a.shape);
  const bs = pad(b.shape);
  const shape = as.map((d, i) => {
    if (d !== bs[i] && d !== 1 && bs[i] !== 1) throw new Error(`cannot broadcast ${as} and ${bs}`);
    return d === 1 ? bs[i] : d;
  });
  const aStrides = strides(as).map((s, i) => (as[i] === 1 ? 0 : s));
  const bStrides = strides(bs).map((s, i) => (bs[i] === 1 ? 0 : s));
  const outStrides = strides(shape);
  const data = [];
  for (let flat = 0; flat < size(shape); ++flat) {
    let ai = 0;
    let bi = 0;
    for (let d = 0; d < rank; ++d) {
      const index = Math.floor(flat / outStrides[d]) % shape[d];
      ai += index * aStrides[d];
      bi += index * bStrides[d];
    }
    data.push(fn(a.data[ai], b.data[bi]));
  }
  return tensor(dtype, shape, data);
}

// Reduces `axis` away (keep_dims false).
function reduce(x, axis, init, fn, dtype = x.dtype) {
  const shape = x.shape.filter((_, i) => i !== axis);
  const inner = size(x.shape.slice(axis + 1));
  const outer = size(x.shape.slice(0, axis));
  const data = [];
  for (let o = 0; o < outer; ++o) {
    for (let i = 0; i < inner; ++i) {
      let acc = init;
      for (let k = 0; k < x.shape[axis]; ++k) {
        acc = fn(acc, x.data[(o * x.shape[axis] + k) * inner + i], k);
      }
      data.push(acc);
    }
  }
  return tensor(dtype, shape, data);
}

// NHWC input, HWIO filter, stride 1, VALID padding.
function conv2dValid(x, w) {
  const [n, h, wd, c] = x.shape;
  const [kh, kw, ci, co] = w.shape;
  if (ci !== c) throw new Error('conv2d channel mismatch');
  const oh = h - kh + 1;
  const ow = wd - kw + 1;
  const data = [];
  for (let b = 0; b < n; ++b) {
    for (let y = 0; y < oh; ++y) {
      for (let xo = 0; xo < ow; ++xo) {
        for (let o = 0; o < co; ++o) {
          let acc = 0;
          for (let dy = 0; dy < kh; ++dy) {
            for (let dx = 0; dx < kw; ++dx) {
              for (let i = 0; i < c; ++i) {
                acc += x.data[((b * h + y + dy) * wd + xo + dx) * c + i] *
                    w.data[((dy * kw + dx) * ci + i) * co + o];
              }
            }
          }
          data.push(acc);
        }
      }
    }
  }
  return tensor(x.dtype, [n, oh, ow, co], data);
}

// NHWC input, [kh, kw, in, multiplier] filter, stride 1, VALID padding; output channel
// i * multiplier + m.
function depthwiseConv2dValid(x, w) {
  const [n, h, wd, c] = x.shape;
  const [kh, kw, ci, mult] = w.shape;
  if (ci !== c) throw new Error('depthwise conv2d channel mismatch');
  const oh = h - kh + 1;
  const ow = wd - kw + 1;
  const data = [];
  for (let b = 0; b < n; ++b) {
    for (let y = 0; y < oh; ++y) {
      for (let xo = 0; xo < ow; ++xo) {
        for (let i = 0; i < c; ++i) {
          for (let m = 0; m < mult; ++m) {
            let acc = 0;
            for (let dy = 0; dy < kh; ++dy) {
              for (let dx = 0; dx < kw; ++dx) {
                acc += x.data[((b * h + y + dy) * wd + xo + dx) * c + i] *
                    w.data[((dy * kw + dx) * ci + i) * mult + m];
              }
            }
            data.push(acc);
          }
        }
      }
    }
  }
  return tensor(x.dtype, [n, oh, ow, c * mult], data);
}

// Inference batch norm over the last dim: (x - mean) * scale / sqrt(variance + epsilon) + offset.
function batchNorm(x, {scale, offset, mean, variance, epsilon}) {
  const c = x.shape[x.shape.length - 1];
  return tensor(x.dtype, x.shape, x.data.map((v, k) => {
    const i = k % c;
    return (v - mean.data[i]) * scale.data[i] / Math.sqrt(variance.data[i] + epsilon) + offset.data[i];
  }));
}

// NHWC max pooling with a square window, VALID padding.
function maxPoolValid(x, window, stride) {
  const [n, h, w, c] = x.shape;
  const oh = Math.floor((h - window) / stride) + 1;
  const ow = Math.floor((w - window) / stride) + 1;
  const data = [];
  for (let b = 0; b < n; ++b) {
    for (let y = 0; y < oh; ++y) {
      for (let xo = 0; xo < ow; ++xo) {
        for (let ch = 0; ch < c; ++ch) {
          let best = -Infinity;
          for (let dy = 0; dy < window; ++dy) {
            for (let dx = 0; dx < window; ++dx) {
              best = Math.max(best, x.data[((b * h + y * stride + dy) * w + xo * stride + dx) * c + ch]);
            }
          }
          data.push(best);
        }
      }
    }
  }
  return tensor(x.dtype, [n, oh, ow, c], data);
}

function matMul(a, b, {transposeB = false} = {}) {
  const [m, k] = a.shape;
  const [bRows, bCols] = b.shape;
  const n = transposeB ? bRows : bCols;
  if ((transposeB ? bCols : bRows) !== k) throw new Error('matmul inner dimension mismatch');
  const data = [];
  for (let i = 0; i < m; ++i) {
    for (let j = 0; j < n; ++j) {
      let acc = 0;
      for (let p = 0; p < k; ++p) {
        acc += a.data[i * k + p] * (transposeB ? b.data[j * k + p] : b.data[p * n + j]);
      }
      data.push(acc);
    }
  }
  return tensor(a.dtype, [m, n], data);
}

function reshape(x, shape) {
  const known = size(shape.filter((d) => d !== -1));
  return tensor(x.dtype, shape.map((d) => (d === -1 ? x.data.length / known : d)), x.data);
}

// Softmax over the last axis.
function softmax(x) {
  const last = x.shape[x.shape.length - 1];
  const data = [];
  for (let row = 0; row < x.data.length / last; ++row) {
    const values = x.data.slice(row * last, (row + 1) * last);
    const max = Math.max(...values);
    const exps = values.map((v) => Math.exp(v - max));
    const total = exps.reduce((s, v) => s + v, 0);
    data.push(...exps.map((v) => v / total));
  }
  return tensor(x.dtype, x.shape, data);
}

function concat(tensors, axis) {
  const shape = tensors[0].shape.slice();
  shape[axis] = tensors.reduce((n, t) => n + t.shape[axis], 0);
  const outer = size(shape.slice(0, axis));
  const data = [];
  for (let o = 0; o < outer; ++o) {
    for (const t of tensors) {
      const chunk = size(t.shape.slice(axis));
      data.push(...t.data.slice(o * chunk, (o + 1) * chunk));
    }
  }
  return tensor(tensors[0].dtype, shape, data);
}

// Dim i of the result is dim perm[i] of x.
function transpose(x, perm) {
  const shape = perm.map((p) => x.shape[p]);
  const inStrides = strides(x.shape);
  const outStrides = strides(shape);
  const data = new Array(x.data.length);
  for (let k = 0; k < data.length; ++k) {
    let from = 0;
    for (let i = 0; i < shape.length; ++i) {
      from += (Math.floor(k / outStrides[i]) % shape[i]) * inStrides[perm[i]];
    }
    data[k] = x.data[from];
  }
  return tensor(x.dtype, shape, data);
}

// A value computed as an n-bit integer, wrapped into its range as TF's narrow integer
// arithmetic wraps (two's complement).
function wrapInt(v, bits, signed) {
  const modulus = 2 ** bits;
  const unsigned = ((v % modulus) + modulus) % modulus;
  return signed && unsigned >= modulus / 2 ? unsigned - modulus : unsigned;
}

const relu = (x) => map(x, (v) => Math.max(v, 0));
const sigmoid = (x) => map(x, (v) => 1 / (1 + Math.exp(-v)));
const biasAdd = (x, b) => broadcast(x, b, (p, q) => p + q);
// TF's FloorMod: the result takes the divisor's sign.
const floorMod = (a, b) => broadcast(a, b, (p, q) => p - Math.floor(p / q) * q);
const argMax = (x, axis, dtype) =>
  reduce(x, axis, null, (best, v, k) => (best === null || v > best.v ? {v, k} : best), dtype);

module.exports = {
  argMax: (x, axis, dtype = 'int64') => map(argMax(x, axis, dtype), (b) => b.k),
  batchNorm, biasAdd, broadcast, concat, conv2dValid, depthwiseConv2dValid, floorMod, map, matMul, maxPoolValid, reduce, relu,
  reshape, sigmoid, size, softmax, tensor, transpose, wrapInt,
};
