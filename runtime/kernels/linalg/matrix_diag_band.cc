// MatrixDiagV2/V3, MatrixDiagPartV2/V3 and MatrixSetDiagV2/V3: the band of diagonals
// k = [lower, upper] (d = col - row) of each innermost matrix, as TF defines them. A band of
// several diagonals is stacked from diagonal `upper` down, each padded to the longest one and
// aligned by `align` (V3; "RIGHT_LEFT" by default: superdiagonals to the right, subdiagonals
// to the left); V2 aligns both to the left. Any fixed-size dtype.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/linalg/tensor_values.h"
#include "runtime/kernels/math/dtype_dispatch.h"

namespace tfjs::runtime {
namespace {

struct Band {
  int64_t lower = 0;
  int64_t upper = 0;
  int64_t num_diags() const { return upper - lower + 1; }
};

struct Alignment {
  bool superdiagonal_left = false;
  bool subdiagonal_left = true;
};

absl::StatusOr<std::vector<int64_t>> IntValues(const Tensor& tensor, const char* what) {
  std::vector<int64_t> values;
  if (tensor.dtype() == tensorflow::DT_INT32) {
    for (int32_t value : tensor.values<int32_t>()) values.push_back(value);
  } else if (tensor.dtype() == tensorflow::DT_INT64) {
    for (int64_t value : tensor.values<int64_t>()) values.push_back(value);
  } else {
    return absl::InvalidArgumentError(absl::StrCat(what, " must be int32 or int64"));
  }
  return values;
}

absl::StatusOr<Band> ReadBand(const Tensor& k) {
  absl::StatusOr<std::vector<int64_t>> values = IntValues(k, "k");
  if (!values.ok()) return values.status();
  if (k.rank() > 1 || values->empty() || values->size() > 2) {
    return absl::InvalidArgumentError("diag_index must be a scalar or a vector of 1 or 2 values");
  }
  Band band{values->front(), values->back()};
  if (band.lower > band.upper) {
    return absl::InvalidArgumentError(
        absl::StrCat("lower diagonal index must not be greater than "
                     "upper diagonal index, got ",
                     band.lower, " > ", band.upper));
  }
  return band;
}

absl::StatusOr<Alignment> ReadAlignment(const OpContext& context, bool has_align) {
  Alignment alignment;
  if (!has_align) {
    alignment.superdiagonal_left = true;
    return alignment;
  }
  const auto& attrs = context.node().attr();
  const std::string align = attrs.count("align") ? attrs.at("align").s() : "RIGHT_LEFT";
  if (align != "LEFT_LEFT" && align != "LEFT_RIGHT" && align != "RIGHT_LEFT" &&
      align != "RIGHT_RIGHT") {
    return context.Error(absl::StrCat("unknown align '", align, "'"));
  }
  alignment.superdiagonal_left = align.rfind("LEFT_", 0) == 0;
  alignment.subdiagonal_left = align.size() >= 4 && align.substr(align.size() - 4) == "LEFT";
  return alignment;
}

int64_t DiagonalLength(int64_t rows, int64_t cols, int64_t d) {
  return std::min(rows + std::min<int64_t>(0, d), cols - std::max<int64_t>(0, d));
}

// The length of the longest diagonal of the band in a rows x cols matrix.
int64_t LongestDiagonal(int64_t rows, int64_t cols, const Band& band) {
  return std::max<int64_t>(0, std::min(rows + std::min<int64_t>(band.upper, 0),
                                       cols - std::max<int64_t>(band.lower, 0)));
}

// Where element (row, col), on diagonal d = col - row of the band, sits in the stacked
// diagonals: row (upper - d) and column `index`.
int64_t IndexInDiagonal(int64_t row, int64_t col, int64_t rows, int64_t cols, int64_t max_diag_len,
                        const Alignment& alignment) {
  const int64_t d = col - row;
  const bool left =
      (d >= 0 && alignment.superdiagonal_left) || (d <= 0 && alignment.subdiagonal_left);
  const int64_t offset = left ? 0 : max_diag_len - DiagonalLength(rows, cols, d);
  return col - std::max<int64_t>(d, 0) + offset;
}

const char* Bytes(const Tensor& tensor) { return static_cast<const char*>(tensor.raw_data()); }

absl::Status CheckScalar(const OpContext& context, const Tensor& tensor, const char* what) {
  if (tensor.num_elements() != 1) {
    return context.Error(
        absl::StrCat(what, " must be a scalar, got shape ", ShapeString(tensor.shape())));
  }
  return absl::OkStatus();
}

// MatrixDiagV2/V3(diagonal, k, num_rows, num_cols, padding_value).
template <bool kHasAlign>
absl::Status ComputeMatrixDiag(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(5, 5); !status.ok()) return status;
  const Tensor& diagonal = context.input(0);
  const Tensor& padding = context.input(4);
  absl::StatusOr<Band> band = ReadBand(context.input(1));
  if (!band.ok()) return context.Error(band.status().message());
  absl::StatusOr<Alignment> alignment = ReadAlignment(context, kHasAlign);
  if (!alignment.ok()) return alignment.status();
  for (int k = 2; k <= 4; ++k) {
    if (absl::Status status = CheckScalar(context, context.input(k),
                                          "num_rows, num_cols and "
                                          "padding_value");
        !status.ok()) {
      return status;
    }
  }
  absl::StatusOr<std::vector<int64_t>> num_rows = IntValues(context.input(2), "num_rows");
  absl::StatusOr<std::vector<int64_t>> num_cols = IntValues(context.input(3), "num_cols");
  if (!num_rows.ok()) return context.Error(num_rows.status().message());
  if (!num_cols.ok()) return context.Error(num_cols.status().message());
  const int batch_rank = diagonal.rank() - (band->num_diags() == 1 ? 1 : 2);
  if (batch_rank < 0 || (band->num_diags() > 1 && diagonal.dim(batch_rank) != band->num_diags())) {
    return context.Error(absl::StrCat("diagonal of shape ", ShapeString(diagonal.shape()),
                                      " does not hold ", band->num_diags(), " diagonals"));
  }
  if (padding.dtype() != diagonal.dtype()) {
    return context.Error("padding_value must have the dtype of diagonal");
  }
  const int64_t max_diag_len = diagonal.dim(diagonal.rank() - 1);
  const int64_t min_rows = max_diag_len - std::min<int64_t>(band->upper, 0);
  const int64_t min_cols = max_diag_len + std::max<int64_t>(band->lower, 0);
  int64_t rows = (*num_rows)[0], cols = (*num_cols)[0];
  if (rows == -1 && cols == -1) {
    rows = cols = std::max(min_rows, min_cols);
  } else if (rows == -1) {
    rows = min_rows;
  } else if (cols == -1) {
    cols = min_cols;
  }
  if (rows < min_rows || cols < min_cols) {
    return context.Error(
        absl::StrCat("The number of rows or columns is not consistent with the "
                     "specified d_lower, d_upper, and diagonal: ",
                     rows, "x", cols));
  }
  if (band->num_diags() > 1 && (band->lower <= -rows || band->upper >= cols)) {
    return context.Error("the band of diagonals does not fit the output matrix");
  }
  const int64_t element = DataTypeSize(diagonal.dtype());
  if (element == 0) return context.Error("unsupported dtype");
  Shape shape(diagonal.shape().begin(), diagonal.shape().begin() + batch_rank);
  const int64_t batch = NumElements(shape);
  shape.push_back(rows);
  shape.push_back(cols);
  absl::StatusOr<Tensor> output = Tensor::Allocate(diagonal.dtype(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  char* out = output->mutable_data<char>();
  const int64_t diagonals_size = band->num_diags() * max_diag_len;
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) {
        char* to = out + ((b * rows + r) * cols + c) * element;
        const int64_t d = c - r;
        if (d < band->lower || d > band->upper) {
          std::memcpy(to, Bytes(padding), element);
          continue;
        }
        const int64_t n = IndexInDiagonal(r, c, rows, cols, max_diag_len, *alignment);
        const int64_t at = b * diagonals_size + (band->upper - d) * max_diag_len + n;
        std::memcpy(to, Bytes(diagonal) + at * element, element);
      }
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// MatrixDiagPartV2/V3(input, k, padding_value).
template <bool kHasAlign>
absl::Status ComputeMatrixDiagPart(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& input = context.input(0);
  const Tensor& padding = context.input(2);
  if (input.rank() < 2) return context.Error("input must be at least 2-dim");
  absl::StatusOr<Band> band = ReadBand(context.input(1));
  if (!band.ok()) return context.Error(band.status().message());
  absl::StatusOr<Alignment> alignment = ReadAlignment(context, kHasAlign);
  if (!alignment.ok()) return alignment.status();
  if (absl::Status status = CheckScalar(context, padding, "padding_value"); !status.ok()) {
    return status;
  }
  if (padding.dtype() != input.dtype()) return context.Error("padding_value must match input");
  const int64_t rows = input.dim(input.rank() - 2), cols = input.dim(input.rank() - 1);
  if ((rows > 0 || cols > 0) &&
      (band->lower <= -std::max<int64_t>(rows, 1) || band->upper >= std::max<int64_t>(cols, 1))) {
    return context.Error(
        absl::StrCat("diagonal index out of bounds for a ", rows, "x", cols, " matrix"));
  }
  const int64_t max_diag_len = LongestDiagonal(rows, cols, *band);
  const int64_t element = DataTypeSize(input.dtype());
  if (element == 0) return context.Error("unsupported dtype");
  Shape shape(input.shape().begin(), input.shape().end() - 2);
  const int64_t batch = NumElements(shape);
  if (band->num_diags() > 1) shape.push_back(band->num_diags());
  shape.push_back(max_diag_len);
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), shape);
  if (!output.ok()) return context.Error(output.status().message());
  char* out = output->mutable_data<char>();
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t i = 0; i < band->num_diags(); ++i) {
      const int64_t d = band->upper - i;
      const int64_t length = DiagonalLength(rows, cols, d);
      const bool left =
          (d >= 0 && alignment->superdiagonal_left) || (d <= 0 && alignment->subdiagonal_left);
      const int64_t offset = left ? 0 : max_diag_len - length;
      for (int64_t n = 0; n < max_diag_len; ++n) {
        char* to = out + ((b * band->num_diags() + i) * max_diag_len + n) * element;
        const int64_t index = n - offset;
        if (index < 0 || index >= length) {
          std::memcpy(to, Bytes(padding), element);
          continue;
        }
        const int64_t r = index - std::min<int64_t>(d, 0);
        const int64_t c = index + std::max<int64_t>(d, 0);
        std::memcpy(to, Bytes(input) + ((b * rows + r) * cols + c) * element, element);
      }
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// MatrixSetDiagV2/V3(input, diagonal, k).
template <bool kHasAlign>
absl::Status ComputeMatrixSetDiag(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(3, 3); !status.ok()) return status;
  const Tensor& input = context.input(0);
  const Tensor& diagonal = context.input(1);
  if (input.rank() < 2) return context.Error("input must be at least 2-dim");
  absl::StatusOr<Band> band = ReadBand(context.input(2));
  if (!band.ok()) return context.Error(band.status().message());
  absl::StatusOr<Alignment> alignment = ReadAlignment(context, kHasAlign);
  if (!alignment.ok()) return alignment.status();
  const int64_t rows = input.dim(input.rank() - 2), cols = input.dim(input.rank() - 1);
  const int64_t max_diag_len = LongestDiagonal(rows, cols, *band);
  Shape expected(input.shape().begin(), input.shape().end() - 2);
  const int64_t batch = NumElements(expected);
  if (band->num_diags() > 1) expected.push_back(band->num_diags());
  expected.push_back(max_diag_len);
  if (diagonal.shape() != expected || diagonal.dtype() != input.dtype()) {
    return context.Error(absl::StrCat("diagonal must have shape ", ShapeString(expected),
                                      " and the input's dtype, got ",
                                      ShapeString(diagonal.shape())));
  }
  const int64_t element = DataTypeSize(input.dtype());
  if (element == 0) return context.Error("unsupported dtype");
  absl::StatusOr<Tensor> output = Tensor::Allocate(input.dtype(), input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  char* out = output->mutable_data<char>();
  std::memcpy(out, input.raw_data(), input.byte_size());
  const int64_t diagonals_size = band->num_diags() * max_diag_len;
  for (int64_t b = 0; b < batch; ++b) {
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t c = 0; c < cols; ++c) {
        const int64_t d = c - r;
        if (d < band->lower || d > band->upper) continue;
        const int64_t n = IndexInDiagonal(r, c, rows, cols, max_diag_len, *alignment);
        const int64_t at = b * diagonals_size + (band->upper - d) * max_diag_len + n;
        std::memcpy(out + ((b * rows + r) * cols + c) * element, Bytes(diagonal) + at * element,
                    element);
      }
    }
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

REGISTER_KERNEL("MatrixDiagV2", ComputeMatrixDiag<false>, {{"T", dtypes::Pod()}});
REGISTER_KERNEL("MatrixDiagV3", ComputeMatrixDiag<true>, {{"T", dtypes::Pod()}});
REGISTER_KERNEL("MatrixDiagPartV2", ComputeMatrixDiagPart<false>, {{"T", dtypes::Pod()}});
REGISTER_KERNEL("MatrixDiagPartV3", ComputeMatrixDiagPart<true>, {{"T", dtypes::Pod()}});
REGISTER_KERNEL("MatrixSetDiagV2", ComputeMatrixSetDiag<false>, {{"T", dtypes::Pod()}});
REGISTER_KERNEL("MatrixSetDiagV3", ComputeMatrixSetDiag<true>, {{"T", dtypes::Pod()}});

}  // namespace
}  // namespace tfjs::runtime
