// Ops on index vectors: InvertPermutation, UnravelIndex, ConcatOffset, and the layout helpers
// DataFormatDimMap and DataFormatVecPermute (an axis or a per-dim vector from one data format
// such as "NHWC" to another such as "NCHW").
#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/index_inputs.h"

namespace tfjs::runtime::array {
namespace {

const std::vector<DataType>& IndexDtypes() {
  static const auto* const kDtypes =
      new std::vector<DataType>{tensorflow::DT_INT32, tensorflow::DT_INT64};
  return *kDtypes;
}

absl::Status ComputeInvertPermutation(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& x = context.input(0);
  if (x.rank() != 1) {
    return context.Error(
        absl::StrCat("invert_permutation expects a 1D vector, got ", ShapeString(x.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> values = IndexValues(context, 0, "x");
  if (!values.ok()) return values.status();
  const int64_t n = static_cast<int64_t>(values->size());
  std::vector<int64_t> inverse(n, -1);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t d = (*values)[i];
    if (d < 0 || d >= n) {
      return context.Error(absl::StrCat(d, " is not between 0 and ", n));
    }
    if (inverse[d] != -1) return context.Error(absl::StrCat(d, " is duplicated in the input."));
    inverse[d] = i;
  }
  absl::StatusOr<Tensor> output = MakeIndexTensor(context, x.dtype(), x.shape(), inverse);
  if (!output.ok()) return output.status();
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// Each flat index of `indices` (a scalar or a vector) as coordinates in row-major `dims`:
// output [len(dims)] or [len(dims), len(indices)].
absl::Status ComputeUnravelIndex(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& indices_tensor = context.input(0);
  if (indices_tensor.rank() > 1) {
    return context.Error(absl::StrCat("The indices can only be scalar or vector, got \"",
                                      ShapeString(indices_tensor.shape()), "\""));
  }
  if (context.input(1).rank() != 1) {
    return context.Error(absl::StrCat("The dims can only be a 1-D vector, got \"",
                                      ShapeString(context.input(1).shape()), "\""));
  }
  absl::StatusOr<std::vector<int64_t>> dims = IndexValues(context, 1, "dims");
  if (!dims.ok()) return dims.status();
  absl::StatusOr<std::vector<int64_t>> indices = IndexValues(context, 0, "indices");
  if (!indices.ok()) return indices.status();
  int64_t size = 1;
  for (int64_t d : *dims) {
    if (d <= 0) return context.Error("Input dims must be > 0, got a dim of " + std::to_string(d));
    size *= d;
  }
  const int64_t count = static_cast<int64_t>(indices->size());
  const int64_t rank = static_cast<int64_t>(dims->size());
  std::vector<int64_t> coordinates(rank * count);
  for (int64_t j = 0; j < count; ++j) {
    int64_t rest = (*indices)[j];
    if (rest < 0 || rest >= size) {
      return context.Error(
          absl::StrCat("index ", rest, " is out of bounds for dims with ", size, " elements"));
    }
    for (int64_t i = rank - 1; i >= 0; --i) {
      coordinates[i * count + j] = rest % (*dims)[i];
      rest /= (*dims)[i];
    }
  }
  Shape shape = {rank};
  if (indices_tensor.rank() == 1) shape.push_back(count);
  absl::StatusOr<Tensor> output =
      MakeIndexTensor(context, indices_tensor.dtype(), shape, coordinates);
  if (!output.ok()) return output.status();
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// Input 0 is concat_dim (int32), inputs 1..N the shapes of the concatenated tensors; output k is
// where input k starts in the concatenation: zeros but the sum of the earlier shapes' concat dim.
absl::Status ComputeConcatOffset(OpContext& context) {
  if (context.num_inputs() < 3) {
    return context.Error(absl::StrCat("Expected at least 2 shapes besides concat_dim, got ",
                                      context.num_inputs() - 1));
  }
  absl::StatusOr<int64_t> concat_dim = IndexScalar(context, 0, "concat_dim");
  if (!concat_dim.ok()) return concat_dim.status();
  const Tensor& first = context.input(1);
  if (first.rank() != 1) {
    return context.Error(
        absl::StrCat("input 1 should be a vector, but got shape ", ShapeString(first.shape())));
  }
  absl::StatusOr<std::vector<int64_t>> reference = IndexValues(context, 1, "shape");
  if (!reference.ok()) return reference.status();
  const int rank = static_cast<int>(reference->size());
  const int axis = NormalizeAxis(*concat_dim, rank);
  if (axis < 0) {
    return context.Error(absl::StrCat("Concat dim is out of range: ", *concat_dim, " vs. ", rank));
  }
  int64_t offset = 0;
  for (int k = 1; k < context.num_inputs(); ++k) {
    const Tensor& shape_tensor = context.input(k);
    if (shape_tensor.dtype() != first.dtype() || shape_tensor.shape() != first.shape()) {
      return context.Error(absl::StrCat("input ", k, " should contain ", rank,
                                        " elements of dtype ", DataTypeName(first.dtype()),
                                        ", but got ", ShapeString(shape_tensor.shape())));
    }
    absl::StatusOr<std::vector<int64_t>> shape = IndexValues(context, k, "shape");
    if (!shape.ok()) return shape.status();
    std::vector<int64_t> offsets(rank, 0);
    for (int i = 0; i < rank; ++i) {
      if (i == axis) {
        offsets[i] = offset;
        offset += (*shape)[i];
      } else if ((*shape)[i] != (*reference)[i]) {
        return context.Error(absl::StrCat("input[", k - 1, ",", i, "] mismatch: ", (*reference)[i],
                                          " vs. ", (*shape)[i]));
      }
    }
    absl::StatusOr<Tensor> output = MakeIndexTensor(context, first.dtype(), {rank}, offsets);
    if (!output.ok()) return output.status();
    context.set_output(k - 1, *std::move(output));
  }
  return absl::OkStatus();
}

// The src_format and dst_format attrs: permutations of one another, of 4 or 5 letters.
absl::StatusOr<std::pair<std::string, std::string>> ReadFormats(const KernelBuildContext& build) {
  absl::StatusOr<std::string> src = build.attrs.GetString("src_format");
  if (!src.ok()) return src.status();
  absl::StatusOr<std::string> dst = build.attrs.GetString("dst_format");
  if (!dst.ok()) return dst.status();
  if (src->size() != 4 && src->size() != 5) {
    return build.Error(
        absl::StrCat("Source format must be of length 4 or 5, received "
                     "src_format = ",
                     *src));
  }
  if (dst->size() != src->size()) {
    return build.Error(
        absl::StrCat("Destination and source format must have the same length, "
                     "received src_format = ",
                     *src, " and dst_format = ", *dst));
  }
  std::string sorted_src = *src;
  std::string sorted_dst = *dst;
  std::sort(sorted_src.begin(), sorted_src.end());
  std::sort(sorted_dst.begin(), sorted_dst.end());
  if (sorted_src != sorted_dst ||
      std::unique(sorted_src.begin(), sorted_src.end()) != sorted_src.end()) {
    return build.Error(
        absl::StrCat("Destination and source format must be permutations of "
                     "distinct letters, received src_format = ",
                     *src, " and dst_format = ", *dst));
  }
  return std::make_pair(*src, *dst);
}

// y = the position in dst_format of the dim at position x (taken modulo the rank) in src_format.
class DataFormatDimMapKernel : public Kernel {
 public:
  DataFormatDimMapKernel(std::string src, std::string dst)
      : src_(std::move(src)), dst_(std::move(dst)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& x = context.input(0);
    absl::StatusOr<std::vector<int64_t>> values = IndexValues(context, 0, "x");
    if (!values.ok()) return values.status();
    const int64_t n = static_cast<int64_t>(src_.size());
    for (int64_t& value : *values) {
      value = static_cast<int64_t>(dst_.find(src_[((value % n) + n) % n]));
    }
    absl::StatusOr<Tensor> output = MakeIndexTensor(context, x.dtype(), x.shape(), *values);
    if (!output.ok()) return output.status();
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  std::string src_;
  std::string dst_;
};

// y[i] = x[src_format.find(dst_format[i])] over the rows of x: one per dim ([n] or [n, 2]), or
// one per spatial dim ([n - 2] or [n - 2, 2], N and C left out).
class DataFormatVecPermuteKernel : public Kernel {
 public:
  DataFormatVecPermuteKernel(std::string src, std::string dst)
      : src_(std::move(src)), dst_(std::move(dst)) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
    const Tensor& x = context.input(0);
    const int64_t n = static_cast<int64_t>(src_.size());
    const bool vector = x.rank() == 1;
    const bool pairs = x.rank() == 2 && x.dim(1) == 2;
    if ((!vector && !pairs) || (x.dim(0) != n && x.dim(0) != n - 2)) {
      return context.Error(absl::StrCat("input must be a vector of size ", n - 2, " or ", n,
                                        ", or a matrix of shape [", n - 2, ", 2] or [", n,
                                        ", 2], got ", ShapeString(x.shape())));
    }
    std::string src = src_;
    std::string dst = dst_;
    if (x.dim(0) == n - 2) {
      auto spatial = [](std::string format) {
        std::string kept;
        for (char c : format) {
          if (c != 'N' && c != 'C') kept.push_back(c);
        }
        return kept;
      };
      src = spatial(src);
      dst = spatial(dst);
      if (static_cast<int64_t>(src.size()) != n - 2) {
        return context.Error("formats must contain N and C to permute spatial dims only");
      }
    }
    absl::StatusOr<std::vector<int64_t>> values = IndexValues(context, 0, "x");
    if (!values.ok()) return values.status();
    const int64_t width = vector ? 1 : 2;
    std::vector<int64_t> permuted(values->size());
    for (size_t i = 0; i < dst.size(); ++i) {
      const size_t from = src.find(dst[i]);
      for (int64_t j = 0; j < width; ++j) permuted[i * width + j] = (*values)[from * width + j];
    }
    absl::StatusOr<Tensor> output = MakeIndexTensor(context, x.dtype(), x.shape(), permuted);
    if (!output.ok()) return output.status();
    context.set_output(0, *std::move(output));
    return absl::OkStatus();
  }

 private:
  std::string src_;
  std::string dst_;
};

template <typename KernelType>
absl::StatusOr<std::unique_ptr<Kernel>> BuildDataFormatKernel(const KernelBuildContext& build) {
  absl::StatusOr<std::pair<std::string, std::string>> formats = ReadFormats(build);
  if (!formats.ok()) return formats.status();
  return std::make_unique<KernelType>(formats->first, formats->second);
}

REGISTER_KERNEL("InvertPermutation", ComputeInvertPermutation, {{"T", IndexDtypes()}});
REGISTER_KERNEL("UnravelIndex", ComputeUnravelIndex, {{"Tidx", IndexDtypes()}});
REGISTER_KERNEL("ConcatOffset", ComputeConcatOffset, {{"shape_type", IndexDtypes()}});
REGISTER_KERNEL_FACTORY("DataFormatDimMap", BuildDataFormatKernel<DataFormatDimMapKernel>,
                        {{"T", IndexDtypes()}});
REGISTER_KERNEL_FACTORY("DataFormatVecPermute", BuildDataFormatKernel<DataFormatVecPermuteKernel>,
                        {{"T", IndexDtypes()}});

}  // namespace
}  // namespace tfjs::runtime::array
