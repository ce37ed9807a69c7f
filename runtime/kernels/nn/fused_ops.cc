#include "runtime/kernels/nn/fused_ops.h"

#include <pthreadpool.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tfjs::runtime::nn {
namespace {

constexpr const char* kBatchNormArgNames[] = {"scale", "offset", "mean", "variance"};

absl::StatusOr<Activation> ParseActivation(const KernelBuildContext& context,
                                           const std::string& name) {
  const std::string lower = absl::AsciiStrToLower(name);
  if (lower == "relu") return Activation::kRelu;
  if (lower == "relu6") return Activation::kRelu6;
  if (lower == "elu") return Activation::kElu;
  if (lower == "leakyrelu") return Activation::kLeakyRelu;
  if (lower == "prelu") return Activation::kPrelu;
  if (lower == "sigmoid") return Activation::kSigmoid;
  if (lower == "tanh") return Activation::kTanh;
  return context.Error(absl::StrCat("unsupported fused activation '", name, "'"));
}

absl::Status CheckChannelVector(const Tensor& tensor, const char* what, int64_t channels) {
  if (tensor.dtype() != tensorflow::DT_FLOAT) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, " must be float32, got ", DataTypeName(tensor.dtype())));
  }
  if (tensor.rank() != 1 || tensor.dim(0) != channels) {
    return absl::InvalidArgumentError(absl::StrCat(what, " must have shape [", channels,
                                                   "] (the output channels), got ",
                                                   ShapeString(tensor.shape())));
  }
  return absl::OkStatus();
}

// Runs `function(begin, end)` over [0, count) in blocks, on the pool when there is one.
template <typename Function>
void ForEachBlock(pthreadpool_t threadpool, int64_t count, const Function& function) {
  constexpr size_t kBlock = 4096;
  pthreadpool_parallelize_1d_tile_1d(
      threadpool,
      [&function](size_t begin, size_t size) {
        function(static_cast<int64_t>(begin), static_cast<int64_t>(begin + size));
      },
      static_cast<size_t>(count), kBlock);
}

}  // namespace

int FusedOps::addend_arg_count() const {
  switch (addend) {
    case Addend::kNone:
      return 0;
    case Addend::kBiasAdd:
      return 1;
    case Addend::kBatchNorm:
      return 4;
  }
  return 0;
}

absl::StatusOr<FusedOps> ReadFusedOps(const KernelBuildContext& context, bool allow_batch_norm) {
  FusedOps fused;
  if (!context.attrs.Has("fused_ops")) return fused;
  absl::StatusOr<std::vector<std::string>> names = context.attrs.GetStringList("fused_ops");
  if (!names.ok()) return names.status();
  if (names->empty() || names->size() > 2) {
    return context.Error(
        absl::StrCat("fused_ops must be an addend and at most one activation, "
                     "got [",
                     absl::StrJoin(*names, ","), "]"));
  }
  if ((*names)[0] == "BiasAdd") {
    fused.addend = Addend::kBiasAdd;
  } else if ((*names)[0] == "FusedBatchNorm" && allow_batch_norm) {
    fused.addend = Addend::kBatchNorm;
  } else {
    return context.Error(absl::StrCat("unsupported fused_ops [", absl::StrJoin(*names, ","),
                                      "]: the first must be BiasAdd",
                                      allow_batch_norm ? " or FusedBatchNorm" : ""));
  }
  if (names->size() == 2) {
    absl::StatusOr<Activation> activation = ParseActivation(context, (*names)[1]);
    if (!activation.ok()) return activation.status();
    fused.activation = *activation;
  }
  if (fused.activation == Activation::kLeakyRelu) {
    absl::StatusOr<float> alpha = context.attrs.GetFloat("leakyrelu_alpha");
    if (!alpha.ok()) return alpha.status();
    fused.leakyrelu_alpha = *alpha;
  }
  if (fused.addend == Addend::kBatchNorm) {
    absl::StatusOr<float> epsilon = context.attrs.GetFloat("epsilon");
    if (!epsilon.ok()) return epsilon.status();
    fused.epsilon = *epsilon;
  }
  const int expected = fused.addend_arg_count() + (fused.activation == Activation::kPrelu ? 1 : 0);
  fused.num_args = expected;
  if (context.attrs.Has("num_args")) {
    absl::StatusOr<int64_t> num_args = context.attrs.GetInt("num_args");
    if (!num_args.ok()) return num_args.status();
    if (*num_args != expected) {
      return context.Error(absl::StrCat("fused_ops [", absl::StrJoin(*names, ","), "] take ",
                                        expected, " extra inputs, but num_args is ", *num_args));
    }
  }
  return fused;
}

absl::StatusOr<ChannelAffine> ComputeChannelAffine(const FusedOps& fused,
                                                   absl::Span<const Tensor* const> args,
                                                   int64_t channels) {
  ChannelAffine affine;
  switch (fused.addend) {
    case Addend::kNone:
      break;
    case Addend::kBiasAdd: {
      if (absl::Status status = CheckChannelVector(*args[0], "bias", channels); !status.ok()) {
        return status;
      }
      affine.bias.assign(args[0]->data<float>(), args[0]->data<float>() + channels);
      break;
    }
    case Addend::kBatchNorm: {
      for (int i = 0; i < 4; ++i) {
        absl::Status status = CheckChannelVector(*args[i], kBatchNormArgNames[i], channels);
        if (!status.ok()) return status;
      }
      const float* scale = args[0]->data<float>();
      const float* offset = args[1]->data<float>();
      const float* mean = args[2]->data<float>();
      const float* variance = args[3]->data<float>();
      affine.scale.resize(channels);
      affine.bias.resize(channels);
      for (int64_t c = 0; c < channels; ++c) {
        affine.scale[c] = scale[c] / std::sqrt(variance[c] + fused.epsilon);
        affine.bias[c] = offset[c] - mean[c] * affine.scale[c];
      }
      break;
    }
  }
  return affine;
}

void ActivationBounds(Activation activation, float* output_min, float* output_max) {
  *output_min = -std::numeric_limits<float>::infinity();
  *output_max = std::numeric_limits<float>::infinity();
  if (activation == Activation::kRelu || activation == Activation::kRelu6) *output_min = 0.f;
  if (activation == Activation::kRelu6) *output_max = 6.f;
}

absl::StatusOr<std::vector<float>> BroadcastPreluAlpha(const Tensor& alpha,
                                                       const Shape& output_shape) {
  if (alpha.dtype() != tensorflow::DT_FLOAT) {
    return absl::InvalidArgumentError(
        absl::StrCat("prelu alpha must be float32, got ", DataTypeName(alpha.dtype())));
  }
  const int rank = alpha.rank();
  const int offset = static_cast<int>(output_shape.size()) - rank;
  bool broadcasts = offset >= 0;
  for (int i = 0; broadcasts && i < rank; ++i) {
    broadcasts = alpha.dim(i) == 1 || alpha.dim(i) == output_shape[offset + i];
  }
  if (!broadcasts) {
    return absl::InvalidArgumentError(
        absl::StrCat("prelu alpha of shape ", ShapeString(alpha.shape()),
                     " does not broadcast to the output shape ", ShapeString(output_shape)));
  }
  const Shape trailing(output_shape.end() - rank, output_shape.end());
  const float* values = alpha.data<float>();
  if (alpha.shape() == trailing) return std::vector<float>(values, values + alpha.num_elements());
  std::vector<float> expanded(NumElements(trailing));
  // One value per channel (the last dim): repeat the channel vector.
  const int64_t channels = trailing.empty() ? 1 : trailing.back();
  if (rank > 0 && alpha.num_elements() == channels && alpha.dim(rank - 1) == channels) {
    for (size_t at = 0; at < expanded.size(); at += channels) {
      std::copy(values, values + channels, expanded.begin() + at);
    }
    return expanded;
  }
  for (size_t flat = 0; flat < expanded.size(); ++flat) {
    int64_t rest = static_cast<int64_t>(flat), index = 0, stride = 1;
    for (int axis = rank - 1; axis >= 0; --axis) {
      const int64_t coordinate = rest % trailing[axis];
      rest /= trailing[axis];
      if (alpha.dim(axis) != 1) index += coordinate * stride;
      stride *= alpha.dim(axis);
    }
    expanded[flat] = values[index];
  }
  return expanded;
}

void ApplyActivation(const FusedOps& fused, absl::Span<const float> prelu_alpha, float* values,
                     int64_t count, pthreadpool_t threadpool) {
  switch (fused.activation) {
    case Activation::kNone:
      return;
    case Activation::kRelu:
      ForEachBlock(threadpool, count, [values](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) values[i] = std::max(values[i], 0.f);
      });
      return;
    case Activation::kRelu6:
      ForEachBlock(threadpool, count, [values](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) values[i] = std::min(std::max(values[i], 0.f), 6.f);
      });
      return;
    case Activation::kElu:
      ForEachBlock(threadpool, count, [values](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
          if (values[i] < 0.f) values[i] = std::expm1(values[i]);
        }
      });
      return;
    case Activation::kLeakyRelu: {
      const float alpha = fused.leakyrelu_alpha;
      ForEachBlock(threadpool, count, [values, alpha](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
          if (!(values[i] > 0.f)) values[i] *= alpha;
        }
      });
      return;
    }
    case Activation::kPrelu: {
      const float* alpha = prelu_alpha.data();
      const int64_t size = static_cast<int64_t>(prelu_alpha.size());
      // Branch-free over whole rows of alpha, so the inner loop vectorizes.
      const auto prelu = [alpha](float* row, int64_t first, int64_t last) {
        for (int64_t c = first; c < last; ++c) {
          row[c] = std::max(row[c], 0.f) + alpha[c] * std::min(row[c], 0.f);
        }
      };
      ForEachBlock(threadpool, count, [=](int64_t begin, int64_t end) {
        int64_t row_start = begin - begin % size;
        for (; row_start < end; row_start += size) {
          prelu(values + row_start, std::max(begin - row_start, int64_t{0}),
                std::min(end - row_start, size));
        }
      });
      return;
    }
    case Activation::kSigmoid:
      ForEachBlock(threadpool, count, [values](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) values[i] = 1.f / (1.f + std::exp(-values[i]));
      });
      return;
    case Activation::kTanh:
      ForEachBlock(threadpool, count, [values](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) values[i] = std::tanh(values[i]);
      });
      return;
  }
}

}  // namespace tfjs::runtime::nn
