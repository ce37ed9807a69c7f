// LSTMBlockCell (one step), BlockLSTM and BlockLSTMV2 (a sequence, time-major) as TF's fused LSTM
// kernels compute them, for float32/float64:
//   [i, ci, f, o] = [x, h_prev] w + b   (V2 orders the gate columns i, f, ci, o)
//   i += cs_prev * wci, f += cs_prev * wcf   (with use_peephole)
//   i = sigmoid(i), f = sigmoid(f + forget_bias), ci = tanh(ci)
//   cs = ci * i + cs_prev * f, clipped to [-cell_clip, cell_clip] when cell_clip > 0
//   o = sigmoid(o + cs * wco (with use_peephole)), co = tanh(cs), h = co * o
// Outputs i, cs, f, o, ci, co, h. BlockLSTM runs steps t < seq_len_max; later steps are zero.
#include <cmath>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/nn/half.h"

namespace tfjs::runtime {
namespace {

enum class Variant { kCell, kBlock, kBlockV2 };

struct LstmAttrs {
  double forget_bias = 1.0;
  double cell_clip = 3.0;
  bool use_peephole = false;
};

double Sigmoid(double x) { return 1 / (1 + std::exp(-x)); }

// The seven [batch, cell] outputs of one step.
constexpr int kNumOutputs = 7;

template <typename T>
struct StepInputs {
  const T* x;        // [batch, input]
  const T* cs_prev;  // [batch, cell]
  const T* h_prev;   // [batch, cell]
  const T* w;        // [input + cell, 4 cell]
  const T* wci;
  const T* wcf;
  const T* wco;
  const T* b;  // [4 cell]
};

// Writes outputs[k] + offset for k in i, cs, f, o, ci, co, h.
template <typename T>
void LstmStep(const StepInputs<T>& in, int64_t batch, int64_t input_size, int64_t cell,
              const LstmAttrs& attrs, bool v2_gate_order, T* const outputs[kNumOutputs]) {
  // Column offsets of the gates in w and b.
  const int64_t gate_i = 0;
  const int64_t gate_ci = v2_gate_order ? 2 * cell : cell;
  const int64_t gate_f = v2_gate_order ? cell : 2 * cell;
  const int64_t gate_o = 3 * cell;
  std::vector<double> gates(4 * cell);
  for (int64_t bi = 0; bi < batch; ++bi) {
    for (int64_t g = 0; g < 4 * cell; ++g) {
      double sum = in.b[g];
      for (int64_t k = 0; k < input_size; ++k) {
        sum += double(in.x[bi * input_size + k]) * double(in.w[k * 4 * cell + g]);
      }
      for (int64_t k = 0; k < cell; ++k) {
        sum += double(in.h_prev[bi * cell + k]) * double(in.w[(input_size + k) * 4 * cell + g]);
      }
      gates[g] = sum;
    }
    for (int64_t c = 0; c < cell; ++c) {
      const double cs_prev = in.cs_prev[bi * cell + c];
      double i = gates[gate_i + c];
      double f = gates[gate_f + c];
      if (attrs.use_peephole) {
        i += cs_prev * double(in.wci[c]);
        f += cs_prev * double(in.wcf[c]);
      }
      i = Sigmoid(i);
      f = Sigmoid(f + attrs.forget_bias);
      const double ci = std::tanh(gates[gate_ci + c]);
      double cs = ci * i + cs_prev * f;
      if (attrs.cell_clip > 0) cs = std::fmin(std::fmax(cs, -attrs.cell_clip), attrs.cell_clip);
      double o = gates[gate_o + c];
      if (attrs.use_peephole) o += cs * double(in.wco[c]);
      o = Sigmoid(o);
      const double co = std::tanh(cs);
      const double values[kNumOutputs] = {i, cs, f, o, ci, co, co * o};
      for (int k = 0; k < kNumOutputs; ++k) outputs[k][bi * cell + c] = static_cast<T>(values[k]);
    }
  }
}

class LstmKernel : public Kernel {
 public:
  LstmKernel(Variant variant, LstmAttrs attrs) : variant_(variant), attrs_(attrs) {}

  absl::Status Compute(OpContext& context) const override {
    const int first = variant_ == Variant::kCell ? 0 : 1;  // BlockLSTM starts with seq_len_max
    if (absl::Status status = context.CheckNumInputs(first + 8, first + 8); !status.ok()) {
      return status;
    }
    const Tensor& x = context.input(first);
    const Tensor& cs_prev = context.input(first + 1);
    const Tensor& h_prev = context.input(first + 2);
    const Tensor& w = context.input(first + 3);
    const Tensor& b = context.input(first + 7);
    const int x_rank = variant_ == Variant::kCell ? 2 : 3;
    if (x.rank() != x_rank) {
      return context.Error(
          absl::StrCat("x must be rank ", x_rank, ", got shape ", ShapeString(x.shape())));
    }
    const int64_t steps = variant_ == Variant::kCell ? 1 : x.dim(0);
    const int64_t batch = x.dim(x_rank - 2);
    const int64_t input_size = x.dim(x_rank - 1);
    if (cs_prev.rank() != 2 || cs_prev.dim(0) != batch) {
      return context.Error(absl::StrCat("cs_prev must be [batch, cell] with batch ", batch,
                                        ", got ", ShapeString(cs_prev.shape())));
    }
    const int64_t cell = cs_prev.dim(1);
    const Shape state = {batch, cell};
    if (h_prev.shape() != state) {
      return context.Error(absl::StrCat("h_prev must have shape ", ShapeString(state), ", got ",
                                        ShapeString(h_prev.shape())));
    }
    if (w.shape() != Shape{input_size + cell, 4 * cell}) {
      return context.Error(absl::StrCat("w must have shape [", input_size + cell, ",", 4 * cell,
                                        "], got ", ShapeString(w.shape())));
    }
    if (b.shape() != Shape{4 * cell}) {
      return context.Error(
          absl::StrCat("b must have shape [", 4 * cell, "], got ", ShapeString(b.shape())));
    }
    for (int k = 4; k <= 6; ++k) {
      if (context.input(first + k).shape() != Shape{cell}) {
        return context.Error(absl::StrCat("peephole weights must have shape [", cell, "], got ",
                                          ShapeString(context.input(first + k).shape())));
      }
    }
    for (int k = first; k < first + 8; ++k) {
      if (context.input(k).dtype() != x.dtype()) {
        return context.Error("every input but seq_len_max must have the dtype of x");
      }
    }
    int64_t run_steps = steps;
    if (variant_ != Variant::kCell) {
      const Tensor& seq_len_max = context.input(0);
      if (seq_len_max.dtype() != tensorflow::DT_INT64 || seq_len_max.num_elements() != 1) {
        return context.Error("seq_len_max must be an int64 scalar");
      }
      run_steps = std::min<int64_t>(steps, std::max<int64_t>(0, *seq_len_max.data<int64_t>()));
    }
    Shape out_shape = variant_ == Variant::kCell ? state : Shape{steps, batch, cell};
    std::vector<Tensor> outputs;
    for (int k = 0; k < kNumOutputs; ++k) {
      absl::StatusOr<Tensor> output = Tensor::Zeros(x.dtype(), out_shape);
      if (!output.ok()) return context.Error(output.status().message());
      outputs.push_back(*std::move(output));
    }
    auto run = [&](auto* tag) {
      using T = std::remove_pointer_t<decltype(tag)>;
      StepInputs<T> in{x.data<T>(),
                       cs_prev.data<T>(),
                       h_prev.data<T>(),
                       w.data<T>(),
                       context.input(first + 4).data<T>(),
                       context.input(first + 5).data<T>(),
                       context.input(first + 6).data<T>(),
                       b.data<T>()};
      const int64_t step_size = batch * cell;
      for (int64_t t = 0; t < run_steps; ++t) {
        T* step_outputs[kNumOutputs];
        for (int k = 0; k < kNumOutputs; ++k) {
          step_outputs[k] = outputs[k].mutable_data<T>() + t * step_size;
        }
        in.x = x.data<T>() + t * batch * input_size;
        LstmStep(in, batch, input_size, cell, attrs_, variant_ == Variant::kBlockV2, step_outputs);
        in.cs_prev = step_outputs[1];
        in.h_prev = step_outputs[6];
      }
    };
    if (x.dtype() == tensorflow::DT_FLOAT) {
      run(static_cast<float*>(nullptr));
    } else if (x.dtype() == tensorflow::DT_DOUBLE) {
      run(static_cast<double*>(nullptr));
    } else {
      return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(x.dtype())));
    }
    for (int k = 0; k < kNumOutputs; ++k) context.set_output(k, std::move(outputs[k]));
    return absl::OkStatus();
  }

 private:
  Variant variant_;
  LstmAttrs attrs_;
};

template <Variant kVariant>
absl::StatusOr<std::unique_ptr<Kernel>> BuildLstm(const KernelBuildContext& context) {
  LstmAttrs attrs;
  // V2 has no forget_bias (0) and no cell clipping by default.
  if (kVariant == Variant::kBlockV2) {
    attrs.forget_bias = 0;
    attrs.cell_clip = 0;
  }
  if (kVariant != Variant::kBlockV2 && context.attrs.Has("forget_bias")) {
    absl::StatusOr<float> value = context.attrs.GetFloat("forget_bias");
    if (!value.ok()) return value.status();
    attrs.forget_bias = *value;
  }
  if (context.attrs.Has("cell_clip")) {
    absl::StatusOr<float> value = context.attrs.GetFloat("cell_clip");
    if (!value.ok()) return value.status();
    attrs.cell_clip = *value;
  }
  if (context.attrs.Has("use_peephole")) {
    absl::StatusOr<bool> value = context.attrs.GetBool("use_peephole");
    if (!value.ok()) return value.status();
    attrs.use_peephole = *value;
  }
  return std::make_unique<LstmKernel>(kVariant, attrs);
}

// TF's CPU dtypes: float16 is computed in float32 (every input widened, every output rounded
// once).
const std::vector<int> kAllInputs = {0, 1, 2, 3, 4, 5, 6, 7, 8};
const std::vector<int> kAllOutputs = {0, 1, 2, 3, 4, 5, 6};
const KernelDtypes kLstmDtypes = {{"T", {tensorflow::DT_HALF, tensorflow::DT_FLOAT}}};

REGISTER_KERNEL_FACTORY("LSTMBlockCell",
                        nn::Widened(BuildLstm<Variant::kCell>, kAllInputs, kAllOutputs),
                        kLstmDtypes);
REGISTER_KERNEL_FACTORY("BlockLSTM",
                        nn::Widened(BuildLstm<Variant::kBlock>, kAllInputs, kAllOutputs),
                        kLstmDtypes);
REGISTER_KERNEL_FACTORY("BlockLSTMV2",
                        nn::Widened(BuildLstm<Variant::kBlockV2>, kAllInputs, kAllOutputs),
                        kLstmDtypes);

}  // namespace
}  // namespace tfjs::runtime
