// MatMul, BatchMatMul, BatchMatMulV2 and _FusedMatMul: XNNPACK's fully connected operator when
// the right operand is a constant matrix (which only XNNPACK's packed copy holds after the
// load), a blocked loop otherwise.
// float16 and bfloat16 operands are widened to float32, multiplied and accumulated there, and
// each output rounded once. int64 and int16 products wrap as TF's do; complex64 and complex128
// accumulate in complex128 (BatchMatMul's adj_x/adj_y take the conjugate transpose).
#include <complex>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/nn/fused_ops.h"
#include "runtime/kernels/nn/half.h"
#include "runtime/kernels/nn/matmul_loop.h"
#include "runtime/kernels/nn/operator_pool.h"
#include "runtime/kernels/nn/xnnpack_util.h"

namespace tfjs::runtime::nn {
namespace {

constexpr int kA = 0;
constexpr int kB = 1;
constexpr int kFirstArg = 2;

enum class Batching { kNone, kEqual, kBroadcast };

struct MatMulParams {
  // MatMul: 2-D operands; BatchMatMul: equal batch dims; BatchMatMulV2: broadcast batch dims.
  Batching batching = Batching::kNone;
  bool transpose_a = false;
  bool transpose_b = false;
  FusedOps fused;
};

// A constant float right operand that XNNPACK's fully connected operators take as [n, k]
// weights rows, with the bias. The kernel packs no copy of its own: each operator packs the
// weights, from the constant read again, when it is created.
struct ConstantRightOperand {
  Shape shape;  // The constant's shape: [k, n] or [n, k], after batch dims of 1.
  int64_t k = 0;
  int64_t n = 0;
  std::vector<float> bias;
};

// Reads the constant right operand again (the graph releases it once the kernel is built).
using RightOperandReader = std::function<absl::StatusOr<Tensor>()>;

// Copies each [rows, cols] matrix of `count` to [cols, rows].
template <typename T>
void TransposeMatrices(const T* in, T* out, int64_t count, int64_t rows, int64_t cols) {
  for (int64_t i = 0; i < count; ++i) {
    const T* from = in + i * rows * cols;
    T* to = out + i * rows * cols;
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) to[c * rows + r] = from[r * cols + c];
    }
  }
}

// The batch dims of a matrix or batch of matrices (all but the last two dims).
Shape BatchDims(const Shape& shape) { return Shape(shape.begin(), shape.end() - 2); }

// For each index into the broadcast batch `out`, the flat index into `dims` (right-aligned).
std::vector<int64_t> BroadcastIndices(const Shape& dims, const Shape& out) {
  const int64_t count = NumElements(out);
  std::vector<int64_t> indices(count, 0);
  const int offset = static_cast<int>(out.size() - dims.size());
  for (int64_t flat = 0; flat < count; ++flat) {
    int64_t rest = flat, index = 0, stride = 1;
    for (int axis = static_cast<int>(out.size()) - 1; axis >= 0; --axis) {
      const int64_t coordinate = rest % out[axis];
      rest /= out[axis];
      if (axis >= offset) {
        const int64_t dim = dims[axis - offset];
        if (dim != 1) index += coordinate * stride;
        stride *= dim;
      }
    }
    indices[flat] = index;
  }
  return indices;
}

class MatMulKernel : public Kernel {
 public:
  // `constant_b` is set when b and the addends are constants and b is float: then `read_b` reads
  // b again, for each new XNNPACK operator and for runs the loop must do.
  MatMulKernel(MatMulParams params, std::optional<ConstantRightOperand> constant_b,
               RightOperandReader read_b)
      : params_(std::move(params)),
        constant_b_(std::move(constant_b)),
        read_b_(std::move(read_b)) {}

  std::vector<int> PackedInputs() const override {
    if (!constant_b_) return {};
    return {kB};
  }

  absl::Status Compute(OpContext& context) const override {
    const FusedOps& fused = params_.fused;
    if (absl::Status status = context.CheckNumInputs(2 + fused.num_args, 2 + fused.num_args);
        !status.ok()) {
      return status;
    }
    const Tensor& a = context.input(kA);
    // A constant b stands in the graph as an empty placeholder; its shape is kept here.
    const DataType b_dtype = constant_b_ ? tensorflow::DT_FLOAT : context.input(kB).dtype();
    const Shape& b_shape = constant_b_ ? constant_b_->shape : context.input(kB).shape();
    const int b_rank = static_cast<int>(b_shape.size());
    if (a.dtype() != b_dtype) {
      return context.Error(absl::StrCat("a and b must have the same dtype, got ",
                                        DataTypeName(a.dtype()), " and ", DataTypeName(b_dtype)));
    }
    const bool is_float = a.dtype() == tensorflow::DT_FLOAT;
    if (!is_float && (fused.addend != Addend::kNone || fused.activation != Activation::kNone)) {
      return context.Error("fused ops need float32 operands");
    }
    if (params_.batching == Batching::kNone ? (a.rank() != 2 || b_rank != 2)
                                            : (a.rank() < 2 || b_rank < 2)) {
      return context.Error(
          absl::StrCat(params_.batching == Batching::kNone ? "operands must be 2-D"
                                                           : "operands must have rank >= 2",
                       ", got shapes ", ShapeString(a.shape()), " and ", ShapeString(b_shape)));
    }
    const int64_t m = a.dim(a.rank() - (params_.transpose_a ? 1 : 2));
    const int64_t k = a.dim(a.rank() - (params_.transpose_a ? 2 : 1));
    const int64_t b_k = b_shape[b_rank - (params_.transpose_b ? 1 : 2)];
    const int64_t n = b_shape[b_rank - (params_.transpose_b ? 2 : 1)];
    if (k != b_k) {
      return context.Error(absl::StrCat("matrix size-incompatible: In[0]: ", ShapeString(a.shape()),
                                        ", In[1]: ", ShapeString(b_shape)));
    }

    const Shape a_batch = BatchDims(a.shape()), b_batch = BatchDims(b_shape);
    absl::StatusOr<Shape> out_batch = OutputBatch(a_batch, b_batch);
    if (!out_batch.ok()) return context.Error(out_batch.status().message());
    Shape out_shape = *out_batch;
    out_shape.push_back(m);
    out_shape.push_back(n);
    absl::StatusOr<Tensor> output = Tensor::Allocate(a.dtype(), out_shape);
    if (!output.ok()) return output.status();

    std::vector<float> prelu_alpha;
    if (fused.activation == Activation::kPrelu) {
      absl::StatusOr<std::vector<float>> alpha = BroadcastPreluAlpha(
          context.input(kFirstArg + fused.prelu_alpha_index()), output->shape());
      if (!alpha.ok()) return context.Error(alpha.status().message());
      prelu_alpha = *std::move(alpha);
    }
    if (output->num_elements() == 0) {
      context.set_output(0, *std::move(output));
      return absl::OkStatus();
    }

    // XNNPACK turns NaN into the activation's lower bound; the loop keeps it, as TF does.
    const bool fully_connected = constant_b_ && is_float && !context.exact_non_finite();
    std::optional<Tensor> reread_b;
    if (constant_b_ && !fully_connected) {
      absl::StatusOr<Tensor> b = read_b_();
      if (!b.ok()) return context.Error(b.status().message());
      reread_b = *std::move(b);
    }
    const Tensor& b = reread_b ? *reread_b : context.input(kB);
    if (fully_connected) {
      if (absl::Status status = RunFullyConnected(context, a, m, k, &*output); !status.ok()) {
        return status;
      }
    } else if (Is16BitFloat(a.dtype())) {
      if (absl::Status status =
              RunWidenedLoop(context, a, b, a_batch, b_batch, *out_batch, m, k, n, &*output);
          !status.ok()) {
        return status;
      }
    } else if (is_float || a.dtype() == tensorflow::DT_DOUBLE ||
               a.dtype() == tensorflow::DT_INT32) {
      if (absl::Status status =
              RunLoop(context, a, b, a_batch, b_batch, *out_batch, m, k, n, &*output);
          !status.ok()) {
        return status;
      }
    } else {
      if (absl::Status status =
              RunPlainLoop(context, a, b, a_batch, b_batch, *out_batch, m, k, n, &*output);
          !status.ok()) {
        return status;
      }
    }
    // XNNPACK already clamped for Relu and Relu6.
    const bool clamped = fully_connected && (fused.activation == Activation::kRelu ||
                                             fused.activation == Activation::kRelu6);
    if (is_float && !clamped) {
      ApplyActivation(fused, prelu_alpha, output->mutable_data<float>(), output->num_elements(),
                      context.threadpool());
    }
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  absl::StatusOr<Shape> OutputBatch(const Shape& a_batch, const Shape& b_batch) const {
    if (params_.batching == Batching::kEqual && a_batch != b_batch) {
      return absl::InvalidArgumentError(absl::StrCat("batch dims ", ShapeString(a_batch), " and ",
                                                     ShapeString(b_batch), " must be equal"));
    }
    const size_t rank = std::max(a_batch.size(), b_batch.size());
    Shape out(rank, 1);
    for (size_t i = 0; i < rank; ++i) {
      const int64_t a_dim = i < rank - a_batch.size() ? 1 : a_batch[i - (rank - a_batch.size())];
      const int64_t b_dim = i < rank - b_batch.size() ? 1 : b_batch[i - (rank - b_batch.size())];
      if (a_dim != b_dim && a_dim != 1 && b_dim != 1) {
        return absl::InvalidArgumentError(absl::StrCat("batch dims ", ShapeString(a_batch), " and ",
                                                       ShapeString(b_batch), " do not broadcast"));
      }
      out[i] = a_dim == 1 ? b_dim : a_dim;
    }
    return out;
  }

  absl::Status RunFullyConnected(OpContext& context, const Tensor& a, int64_t m, int64_t k,
                                 Tensor* output) const {
    const ConstantRightOperand& packed = *constant_b_;
    const int64_t matrices = a.num_elements() / (m * k);
    const float* rows = a.data<float>();
    std::vector<float> transposed;
    if (params_.transpose_a) {
      transposed.resize(a.num_elements());
      TransposeMatrices(a.data<float>(), transposed.data(), matrices, k, m);
      rows = transposed.data();
    }
    float output_min, output_max;
    ActivationBounds(params_.fused.activation, &output_min, &output_max);
    auto create = [&]() -> absl::StatusOr<UniqueOperator> {
      absl::StatusOr<Tensor> b = read_b_();
      if (!b.ok()) return b.status();
      // XNNPACK's rows are [n, k], b transposed unless transpose_b already has it so.
      std::vector<float> weights(packed.k * packed.n);
      if (params_.transpose_b) {
        std::memcpy(weights.data(), b->data<float>(), weights.size() * sizeof(float));
      } else {
        TransposeMatrices(b->data<float>(), weights.data(), 1, packed.k, packed.n);
      }
      xnn_operator_t op = nullptr;
      const xnn_status status = xnn_create_fully_connected_nc_f32(
          packed.k, packed.n, packed.k, packed.n, weights.data(),
          packed.bias.empty() ? nullptr : packed.bias.data(), output_min, output_max,
          /*flags=*/0, &op);
      if (absl::Status error = XnnStatus(status, "create_fully_connected_nc_f32"); !error.ok()) {
        return error;
      }
      return UniqueOperator(op);
    };
    absl::StatusOr<OperatorPool::Lease> lease = pool_.Acquire({}, create);
    if (!lease.ok()) return context.Error(lease.status().message());
    pthreadpool_t threadpool = PoolForWork(context.threadpool(), matrices * m * k * packed.n);
    xnn_status status = xnn_setup_fully_connected_nc_f32(
        lease->get(), matrices * m, rows, output->mutable_data<float>(), threadpool);
    if (status == xnn_status_success) status = xnn_run_operator(lease->get(), threadpool);
    if (absl::Status error = XnnStatus(status, "fully connected"); !error.ok()) {
      return context.Error(error.message());
    }
    return absl::OkStatus();
  }

  absl::Status RunLoop(OpContext& context, const Tensor& a, const Tensor& b, const Shape& a_batch,
                       const Shape& b_batch, const Shape& out_batch, int64_t m, int64_t k,
                       int64_t n, Tensor* output) const {
    MatMulProblem problem;
    problem.m = m;
    problem.k = k;
    problem.n = n;
    problem.transpose_a = params_.transpose_a;
    problem.a_batch = BroadcastIndices(a_batch, out_batch);
    problem.b_batch = BroadcastIndices(b_batch, out_batch);
    // The loop reads B as [k, n]; int32 runs as uint32 so that overflow wraps.
    const void* b_data = b.raw_data();
    std::vector<uint32_t> transposed;
    std::vector<double> transposed_double;
    if (params_.transpose_b && a.dtype() == tensorflow::DT_DOUBLE) {
      transposed_double.resize(b.num_elements());
      TransposeMatrices(b.data<double>(), transposed_double.data(), NumElements(b_batch), n, k);
      b_data = transposed_double.data();
    } else if (params_.transpose_b) {
      transposed.resize(b.num_elements());
      // float32 and int32 elements move alike, as 32-bit words.
      TransposeMatrices(b.data<uint32_t>(), transposed.data(), NumElements(b_batch), n, k);
      b_data = transposed.data();
    }
    if (a.dtype() == tensorflow::DT_FLOAT) {
      MatMulLoop(problem, a.data<float>(), static_cast<const float*>(b_data),
                 output->mutable_data<float>(), context.threadpool());
      if (params_.fused.addend == Addend::kBiasAdd) {
        const Tensor* bias_arg = &context.input(kFirstArg);
        absl::StatusOr<ChannelAffine> affine =
            ComputeChannelAffine(params_.fused, absl::MakeConstSpan(&bias_arg, 1), n);
        if (!affine.ok()) return context.Error(affine.status().message());
        float* values = output->mutable_data<float>();
        for (int64_t i = 0; i < output->num_elements(); ++i) values[i] += affine->bias[i % n];
      }
    } else if (a.dtype() == tensorflow::DT_DOUBLE) {
      MatMulLoop(problem, a.data<double>(), static_cast<const double*>(b_data),
                 output->mutable_data<double>(), context.threadpool());
    } else {
      MatMulLoop(problem, a.data<uint32_t>(), static_cast<const uint32_t*>(b_data),
                 output->mutable_data<uint32_t>(), context.threadpool());
    }
    return absl::OkStatus();
  }

  // float16 or bfloat16 operands through the float32 loop, the output rounded once.
  absl::Status RunWidenedLoop(OpContext& context, const Tensor& a, const Tensor& b,
                              const Shape& a_batch, const Shape& b_batch, const Shape& out_batch,
                              int64_t m, int64_t k, int64_t n, Tensor* output) const {
    absl::StatusOr<Tensor> wide_a = WidenToFloat(a);
    if (!wide_a.ok()) return wide_a.status();
    absl::StatusOr<Tensor> wide_b = WidenToFloat(b);
    if (!wide_b.ok()) return wide_b.status();
    absl::StatusOr<Tensor> wide_output = Tensor::Allocate(tensorflow::DT_FLOAT, output->shape());
    if (!wide_output.ok()) return wide_output.status();
    if (absl::Status status =
            RunLoop(context, *wide_a, *wide_b, a_batch, b_batch, out_batch, m, k, n, &*wide_output);
        !status.ok()) {
      return status;
    }
    NarrowFromFloat(*wide_output, output);
    return absl::OkStatus();
  }

  // One product per output element, accumulated in Acc (wrapping unsigned words for the integer
  // types, complex128 for complex).
  template <typename T, typename Acc>
  void PlainLoop(const T* a, const T* b, T* c, const std::vector<int64_t>& a_batch,
                 const std::vector<int64_t>& b_batch, int64_t m, int64_t k, int64_t n) const {
    const bool conjugate = params_.batching != Batching::kNone;
    auto element = [&](T value, bool adjoint) {
      if constexpr (std::is_integral_v<T>) {
        return static_cast<Acc>(static_cast<std::make_unsigned_t<T>>(value));
      } else {
        const Acc wide(value.real(), value.imag());
        return adjoint && conjugate ? std::conj(wide) : wide;
      }
    };
    for (size_t batch = 0; batch < a_batch.size(); ++batch) {
      const T* a_matrix = a + a_batch[batch] * m * k;
      const T* b_matrix = b + b_batch[batch] * k * n;
      T* c_matrix = c + batch * m * n;
      for (int64_t i = 0; i < m; ++i) {
        for (int64_t j = 0; j < n; ++j) {
          Acc sum = 0;
          for (int64_t p = 0; p < k; ++p) {
            const T a_value = params_.transpose_a ? a_matrix[p * m + i] : a_matrix[i * k + p];
            const T b_value = params_.transpose_b ? b_matrix[j * k + p] : b_matrix[p * n + j];
            sum += element(a_value, params_.transpose_a) * element(b_value, params_.transpose_b);
          }
          if constexpr (std::is_integral_v<T>) {
            c_matrix[i * n + j] = static_cast<T>(sum);
          } else {
            c_matrix[i * n + j] = T(sum.real(), sum.imag());
          }
        }
      }
    }
  }

  // int64, int16, complex64 and complex128 operands.
  absl::Status RunPlainLoop(OpContext& context, const Tensor& a, const Tensor& b,
                            const Shape& a_batch, const Shape& b_batch, const Shape& out_batch,
                            int64_t m, int64_t k, int64_t n, Tensor* output) const {
    const std::vector<int64_t> a_index = BroadcastIndices(a_batch, out_batch);
    const std::vector<int64_t> b_index = BroadcastIndices(b_batch, out_batch);
    switch (a.dtype()) {
      case tensorflow::DT_INT64:
        PlainLoop<int64_t, uint64_t>(a.data<int64_t>(), b.data<int64_t>(),
                                     output->mutable_data<int64_t>(), a_index, b_index, m, k, n);
        return absl::OkStatus();
      case tensorflow::DT_INT16:
        PlainLoop<int16_t, uint32_t>(a.data<int16_t>(), b.data<int16_t>(),
                                     output->mutable_data<int16_t>(), a_index, b_index, m, k, n);
        return absl::OkStatus();
      case tensorflow::DT_COMPLEX64:
        PlainLoop<std::complex<float>, std::complex<double>>(
            a.data<std::complex<float>>(), b.data<std::complex<float>>(),
            output->mutable_data<std::complex<float>>(), a_index, b_index, m, k, n);
        return absl::OkStatus();
      case tensorflow::DT_COMPLEX128:
        PlainLoop<std::complex<double>, std::complex<double>>(
            a.data<std::complex<double>>(), b.data<std::complex<double>>(),
            output->mutable_data<std::complex<double>>(), a_index, b_index, m, k, n);
        return absl::OkStatus();
      default:
        return context.Error(absl::StrCat("unsupported dtype ", DataTypeName(a.dtype())));
    }
  }

  MatMulParams params_;
  // Set when b is a constant float matrix (batch dims all 1) and the bias is constant too.
  std::optional<ConstantRightOperand> constant_b_;
  RightOperandReader read_b_;
  mutable OperatorPool pool_;
};

// Constant float `b` (with constant addends, folded into the bias) for XNNPACK, or nullopt when
// the loop must run.
absl::StatusOr<std::optional<ConstantRightOperand>> ConstantB(const KernelBuildContext& context,
                                                              const MatMulParams& params) {
  const auto& constants = context.constant_inputs;
  if (constants.size() <= kB || constants[kB] == nullptr) return std::nullopt;
  const Tensor& b = *constants[kB];
  if (b.dtype() != tensorflow::DT_FLOAT || b.rank() < 2) return std::nullopt;
  if (params.batching == Batching::kNone && b.rank() != 2) return std::nullopt;
  if (params.batching == Batching::kEqual && b.rank() != 2) return std::nullopt;
  for (int i = 0; i < b.rank() - 2; ++i) {
    if (b.dim(i) != 1) return std::nullopt;
  }
  std::vector<const Tensor*> args;
  for (int i = 0; i < params.fused.addend_arg_count(); ++i) {
    const size_t index = kFirstArg + i;
    if (index >= constants.size() || constants[index] == nullptr) return std::nullopt;
    args.push_back(constants[index]);
  }
  ConstantRightOperand constant;
  constant.shape = b.shape();
  constant.k = b.dim(b.rank() - (params.transpose_b ? 1 : 2));
  constant.n = b.dim(b.rank() - (params.transpose_b ? 2 : 1));
  if (constant.k == 0 || constant.n == 0) return std::nullopt;
  absl::StatusOr<ChannelAffine> affine = ComputeChannelAffine(params.fused, args, constant.n);
  if (!affine.ok()) return context.Error(affine.status().message());
  constant.bias = std::move(affine->bias);
  return constant;
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildMatMul(const KernelBuildContext& context,
                                                    Batching batching) {
  if (absl::Status status = InitializeXnnpack(); !status.ok()) {
    return context.Error(status.message());
  }
  MatMulParams params;
  params.batching = batching;
  const bool batched = batching != Batching::kNone;
  absl::StatusOr<bool> transpose_a = context.attrs.GetBool(batched ? "adj_x" : "transpose_a");
  if (!transpose_a.ok()) return transpose_a.status();
  absl::StatusOr<bool> transpose_b = context.attrs.GetBool(batched ? "adj_y" : "transpose_b");
  if (!transpose_b.ok()) return transpose_b.status();
  params.transpose_a = *transpose_a;
  params.transpose_b = *transpose_b;
  absl::StatusOr<FusedOps> fused = ReadFusedOps(context, /*allow_batch_norm=*/false);
  if (!fused.ok()) return fused.status();
  params.fused = *fused;
  absl::StatusOr<std::optional<ConstantRightOperand>> constant_b = ConstantB(context, params);
  if (!constant_b.ok()) return constant_b.status();
  RightOperandReader read_b;
  if (*constant_b) read_b = [read = context.read_constant_input] { return read(kB); };
  return std::make_unique<MatMulKernel>(std::move(params), *std::move(constant_b),
                                        std::move(read_b));
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildPlainMatMul(const KernelBuildContext& context) {
  return BuildMatMul(context, Batching::kNone);
}
absl::StatusOr<std::unique_ptr<Kernel>> BuildBatchMatMul(const KernelBuildContext& context) {
  return BuildMatMul(context, Batching::kEqual);
}
absl::StatusOr<std::unique_ptr<Kernel>> BuildBatchMatMulV2(const KernelBuildContext& context) {
  return BuildMatMul(context, Batching::kBroadcast);
}

using tensorflow::DT_BFLOAT16;
using tensorflow::DT_COMPLEX128;
using tensorflow::DT_COMPLEX64;
using tensorflow::DT_DOUBLE;
using tensorflow::DT_FLOAT;
using tensorflow::DT_HALF;
using tensorflow::DT_INT16;
using tensorflow::DT_INT32;
using tensorflow::DT_INT64;

REGISTER_KERNEL_FACTORY("MatMul", BuildPlainMatMul,
                        {{"T",
                          {DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64,
                           DT_COMPLEX64, DT_COMPLEX128}}});
// Fused bias and activations are computed on float32 only (TF.js's fused op).
REGISTER_KERNEL_FACTORY("_FusedMatMul", BuildPlainMatMul, {{"T", {DT_FLOAT}}});
REGISTER_KERNEL_FACTORY("BatchMatMul", BuildBatchMatMul,
                        {{"T",
                          {DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64,
                           DT_COMPLEX64, DT_COMPLEX128}}});
REGISTER_KERNEL_FACTORY("BatchMatMulV2", BuildBatchMatMulV2,
                        {{"T",
                          {DT_HALF, DT_BFLOAT16, DT_FLOAT, DT_DOUBLE, DT_INT16, DT_INT32, DT_INT64,
                           DT_COMPLEX64, DT_COMPLEX128}}});

}  // namespace
}  // namespace tfjs::runtime::nn
