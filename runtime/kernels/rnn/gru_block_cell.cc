// GRUBlockCell: one GRU step as TF's fused kernel computes it, for float32/float64:
//   [r, u] = sigmoid([x, h_prev] w_ru + b_ru)
//   c = tanh([x, r * h_prev] w_c + b_c)
//   h = u * h_prev + (1 - u) * c
// Outputs r, u, c, h, each [batch, cell].
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

constexpr int kX = 0, kHPrev = 1, kWRu = 2, kWC = 3, kBRu = 4, kBC = 5;

template <typename T>
void GruStep(const Tensor& x, const Tensor& h_prev, const Tensor& w_ru, const Tensor& w_c,
             const Tensor& b_ru, const Tensor& b_c, std::vector<Tensor>& outputs) {
  const int64_t batch = x.dim(0), input_size = x.dim(1), cell = h_prev.dim(1);
  const T* xs = x.data<T>();
  const T* hs = h_prev.data<T>();
  T* r_out = outputs[0].mutable_data<T>();
  T* u_out = outputs[1].mutable_data<T>();
  T* c_out = outputs[2].mutable_data<T>();
  T* h_out = outputs[3].mutable_data<T>();
  // Row k of [x, v] for batch row bi.
  auto concat = [&](int64_t bi, int64_t k, const T* v) {
    return k < input_size ? double(xs[bi * input_size + k]) : double(v[bi * cell + k - input_size]);
  };
  std::vector<T> r_h(batch * cell);
  for (int64_t bi = 0; bi < batch; ++bi) {
    for (int64_t g = 0; g < 2 * cell; ++g) {
      double sum = b_ru.data<T>()[g];
      for (int64_t k = 0; k < input_size + cell; ++k) {
        sum += concat(bi, k, hs) * double(w_ru.data<T>()[k * 2 * cell + g]);
      }
      const T value = static_cast<T>(1 / (1 + std::exp(-sum)));
      if (g < cell) {
        r_out[bi * cell + g] = value;
        r_h[bi * cell + g] = static_cast<T>(value * hs[bi * cell + g]);
      } else {
        u_out[bi * cell + g - cell] = value;
      }
    }
  }
  for (int64_t bi = 0; bi < batch; ++bi) {
    for (int64_t g = 0; g < cell; ++g) {
      double sum = b_c.data<T>()[g];
      for (int64_t k = 0; k < input_size + cell; ++k) {
        sum += concat(bi, k, r_h.data()) * double(w_c.data<T>()[k * cell + g]);
      }
      const int64_t at = bi * cell + g;
      c_out[at] = static_cast<T>(std::tanh(sum));
      h_out[at] = static_cast<T>(u_out[at] * hs[at] + (1 - u_out[at]) * c_out[at]);
    }
  }
}

absl::Status ComputeGruBlockCell(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
  const Tensor& x = context.input(kX);
  const Tensor& h_prev = context.input(kHPrev);
  if (x.rank() != 2 || h_prev.rank() != 2 || h_prev.dim(0) != x.dim(0)) {
    return context.Error(
        absl::StrCat("x and h_prev must be [batch, input] and [batch, cell], "
                     "got ",
                     ShapeString(x.shape()), " and ", ShapeString(h_prev.shape())));
  }
  const int64_t input_size = x.dim(1), cell = h_prev.dim(1);
  const Shape expected[] = {
      {input_size + cell, 2 * cell}, {input_size + cell, cell}, {2 * cell}, {cell}};
  const char* names[] = {"w_ru", "w_c", "b_ru", "b_c"};
  for (int k = 0; k < 4; ++k) {
    const Tensor& weight = context.input(kWRu + k);
    if (weight.shape() != expected[k] || weight.dtype() != x.dtype()) {
      return context.Error(absl::StrCat(names[k], " must have shape ", ShapeString(expected[k]),
                                        " and the dtype of x, got ", ShapeString(weight.shape())));
    }
  }
  if (h_prev.dtype() != x.dtype()) return context.Error("h_prev must have the dtype of x");
  std::vector<Tensor> outputs;
  for (int k = 0; k < 4; ++k) {
    absl::StatusOr<Tensor> output = Tensor::Allocate(x.dtype(), h_prev.shape());
    if (!output.ok()) return context.Error(output.status().message());
    outputs.push_back(*std::move(output));
  }
  const Tensor& w_ru = context.input(kWRu);
  const Tensor& w_c = context.input(kWC);
  const Tensor& b_ru = context.input(kBRu);
  const Tensor& b_c = context.input(kBC);
  if (x.dtype() == tensorflow::DT_FLOAT) {
    GruStep<float>(x, h_prev, w_ru, w_c, b_ru, b_c, outputs);
  } else if (x.dtype() == tensorflow::DT_DOUBLE) {
    GruStep<double>(x, h_prev, w_ru, w_c, b_ru, b_c, outputs);
  } else {
    return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(x.dtype())));
  }
  for (int k = 0; k < 4; ++k) context.set_output(k, std::move(outputs[k]));
  return absl::OkStatus();
}

REGISTER_KERNEL("GRUBlockCell", ComputeGruBlockCell, {{"T", {tensorflow::DT_FLOAT}}});

}  // namespace
}  // namespace tfjs::runtime
