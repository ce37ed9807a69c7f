// QuantizedMatMul and QuantizedConv2D: quint8 operands with their zero points taken off,
// accumulated exactly in qint32, with the product's float range.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/quantized/quantization_utils.h"

namespace tfjs::runtime::quantized {
namespace {

// The four ranges of (a, b) as TF reads them; `scalar_min_a` makes min_a's rank 0 a requirement.
absl::StatusOr<std::vector<float>> ReadRanges(const OpContext& context, bool scalar_min_a,
                                              const char* const names[4]) {
  std::vector<float> ranges;
  for (int i = 0; i < 4; ++i) {
    absl::StatusOr<float> value = (i == 0 && scalar_min_a)
                                      ? ScalarRangeValue(context, 2 + i, names[i])
                                      : RangeValue(context, 2 + i, names[i]);
    if (!value.ok()) return value.status();
    if (i > 0 && context.input(2 + i).num_elements() != 1) {
      return context.Error(absl::StrCat(names[i], " must be a scalar, but got shape ",
                                        ShapeString(context.input(2 + i).shape())));
    }
    ranges.push_back(*value);
  }
  return ranges;
}

absl::Status CheckQuint8(const OpContext& context, int index, const char* name) {
  const DataType dtype = context.input(index).dtype();
  if (dtype == tensorflow::DT_QUINT8) return absl::OkStatus();
  return context.Error(absl::StrCat(name, " must be quint8, got ", DataTypeName(dtype)));
}

// The output's float range, for quint8 by quint8 into qint32.
void SetProductRange(OpContext& context, const std::vector<float>& ranges) {
  float min_c, max_c;
  QuantizationRangeForMultiplication<uint8_t, uint8_t, int32_t>(ranges[0], ranges[1], ranges[2],
                                                                ranges[3], &min_c, &max_c);
  context.set_output(1, FloatScalar(min_c));
  context.set_output(2, FloatScalar(max_c));
}

class QuantizedMatMulKernel : public Kernel {
 public:
  QuantizedMatMulKernel(bool transpose_a, bool transpose_b)
      : transpose_a_(transpose_a), transpose_b_(transpose_b) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
    static const char* const kNames[4] = {"min_a", "max_a", "min_b", "max_b"};
    absl::StatusOr<std::vector<float>> ranges = ReadRanges(context, true, kNames);
    if (!ranges.ok()) return ranges.status();
    const std::vector<float>& r = *ranges;
    if (!(r[1] > r[0])) return context.Error("max_a must be larger than min_a.");
    if (!(r[3] > r[2])) return context.Error("max_b must be larger than min_b.");
    for (const absl::Status& status :
         {CheckQuint8(context, 0, "a"), CheckQuint8(context, 1, "b")}) {
      if (!status.ok()) return status;
    }
    const Tensor& a = context.input(0);
    const Tensor& b = context.input(1);
    if (a.rank() != 2) return context.Error("In[0] is not a matrix");
    if (b.rank() != 2) return context.Error("In[1] is not a matrix");
    const int64_t k = transpose_a_ ? a.dim(0) : a.dim(1);
    if (k != (transpose_b_ ? b.dim(1) : b.dim(0))) {
      return context.Error(absl::StrCat("Matrix size-incompatible: In[0]: ", ShapeString(a.shape()),
                                        ", In[1]: ", ShapeString(b.shape())));
    }
    const int64_t m = transpose_a_ ? a.dim(1) : a.dim(0);
    const int64_t n = transpose_b_ ? b.dim(0) : b.dim(1);
    const int32_t offset_a =
        static_cast<int32_t>(FloatToQuantizedUnclamped<uint8_t>(0.0f, r[0], r[1]));
    const int32_t offset_b =
        static_cast<int32_t>(FloatToQuantizedUnclamped<uint8_t>(0.0f, r[2], r[3]));
    Tensor c = *Tensor::Allocate(tensorflow::DT_QINT32, {m, n});
    const uint8_t* a_data = a.data<uint8_t>();
    const uint8_t* b_data = b.data<uint8_t>();
    int32_t* c_data = c.mutable_data<int32_t>();
    const int64_t lda = a.dim(1);
    const int64_t ldb = b.dim(1);
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        // int32 accumulation wraps, as gemmlowp's does.
        uint32_t total = 0;
        for (int64_t l = 0; l < k; ++l) {
          const int32_t a_value = a_data[transpose_a_ ? l * lda + i : i * lda + l];
          const int32_t b_value = b_data[transpose_b_ ? j * ldb + l : l * ldb + j];
          total += static_cast<uint32_t>((a_value - offset_a) * (b_value - offset_b));
        }
        c_data[i * n + j] = static_cast<int32_t>(total);
      }
    }
    context.set_output(0, std::move(c));
    SetProductRange(context, r);
    return absl::OkStatus();
  }

 private:
  bool transpose_a_;
  bool transpose_b_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildQuantizedMatMul(const KernelBuildContext& context) {
  absl::StatusOr<bool> transpose_a = context.attrs.GetBool("transpose_a");
  absl::StatusOr<bool> transpose_b = context.attrs.GetBool("transpose_b");
  if (!transpose_a.ok()) return transpose_a.status();
  if (!transpose_b.ok()) return transpose_b.status();
  return std::make_unique<QuantizedMatMulKernel>(*transpose_a, *transpose_b);
}

// Tactivation (unused by the op's math) takes any quantized dtype, as TF leaves it open.
REGISTER_KERNEL_FACTORY("QuantizedMatMul", BuildQuantizedMatMul,
                        {{"T1", {tensorflow::DT_QUINT8}},
                         {"T2", {tensorflow::DT_QUINT8}},
                         {"Toutput", {tensorflow::DT_QINT32}},
                         {"Tactivation",
                          {tensorflow::DT_QINT8, tensorflow::DT_QUINT8, tensorflow::DT_QINT16,
                           tensorflow::DT_QUINT16, tensorflow::DT_QINT32}}});

// TF's QuantizedConv2D takes one stride for rows and columns and places the filter as its
// im2col code does (the same origin formula for SAME and VALID; dilations are not read).
class QuantizedConv2DKernel : public Kernel {
 public:
  QuantizedConv2DKernel(int stride, bool same) : stride_(stride), same_(same) {}

  absl::Status Compute(OpContext& context) const override {
    if (absl::Status status = context.CheckNumInputs(6, 6); !status.ok()) return status;
    const Tensor& input = context.input(0);
    const Tensor& filter = context.input(1);
    if (input.rank() != 4) {
      return context.Error(absl::StrCat("input must be 4-dimensional", ShapeString(input.shape())));
    }
    if (filter.rank() != 4) {
      return context.Error(
          absl::StrCat("filter must be 4-dimensional: ", ShapeString(filter.shape())));
    }
    static const char* const kNames[4] = {"min_input", "max_input", "min_filter", "max_filter"};
    std::vector<float> r;
    for (int i = 0; i < 4; ++i) {
      absl::StatusOr<float> value = RangeValue(context, 2 + i, kNames[i]);
      if (!value.ok()) return value.status();
      r.push_back(*value);
    }
    for (const absl::Status& status :
         {CheckQuint8(context, 0, "input"), CheckQuint8(context, 1, "filter")}) {
      if (!status.ok()) return status;
    }
    const int64_t batch = input.dim(0), in_rows = input.dim(1), in_cols = input.dim(2);
    const int64_t in_depth = input.dim(3);
    const int64_t filter_rows = filter.dim(0), filter_cols = filter.dim(1);
    const int64_t out_depth = filter.dim(3);
    if (in_depth != filter.dim(2)) {
      return context.Error(absl::StrCat("input and filter must have the same depth: ", in_depth,
                                        " vs ", filter.dim(2)));
    }
    const auto output_size = [&](int64_t in, int64_t window) {
      return same_ ? (in + stride_ - 1) / stride_ : (in - window + stride_) / stride_;
    };
    const int64_t out_rows = output_size(in_rows, filter_rows);
    const int64_t out_cols = output_size(in_cols, filter_cols);
    if (batch <= 0 || out_rows <= 0 || out_cols <= 0 || out_depth <= 0) {
      return context.Error(absl::StrCat("the output would be empty or negative: [", batch, ",",
                                        out_rows, ",", out_cols, ",", out_depth, "]"));
    }
    const int32_t input_offset =
        static_cast<int32_t>(FloatToQuantizedUnclamped<uint8_t>(0.0f, r[0], r[1]));
    const int32_t filter_offset =
        static_cast<int32_t>(FloatToQuantizedUnclamped<uint8_t>(0.0f, r[2], r[3]));
    // What a position outside the input contributes before the filter: TF fills the border with
    // the input's zero point stored as quint8 (nothing when that point is below 0).
    const int32_t border_value =
        input_offset < 0 ? 0
                         : static_cast<int32_t>(static_cast<uint8_t>(input_offset)) - input_offset;
    const int64_t left = ((out_cols - 1) * stride_ + filter_cols - in_cols) / 2;
    const int64_t top = ((out_rows - 1) * stride_ + filter_rows - in_rows) / 2;
    Tensor output =
        *Tensor::Allocate(tensorflow::DT_QINT32, {batch, out_rows, out_cols, out_depth});
    const uint8_t* in = input.data<uint8_t>();
    const uint8_t* f = filter.data<uint8_t>();
    int32_t* out = output.mutable_data<int32_t>();
    std::vector<uint32_t> totals(out_depth);
    for (int64_t b = 0; b < batch; ++b) {
      for (int64_t oy = 0; oy < out_rows; ++oy) {
        for (int64_t ox = 0; ox < out_cols; ++ox) {
          std::fill(totals.begin(), totals.end(), 0);
          for (int64_t fy = 0; fy < filter_rows; ++fy) {
            const int64_t iy = oy * stride_ - top + fy;
            for (int64_t fx = 0; fx < filter_cols; ++fx) {
              const int64_t ix = ox * stride_ - left + fx;
              const bool inside = iy >= 0 && iy < in_rows && ix >= 0 && ix < in_cols;
              for (int64_t c = 0; c < in_depth; ++c) {
                const int32_t value =
                    inside ? static_cast<int32_t>(
                                 in[((b * in_rows + iy) * in_cols + ix) * in_depth + c]) -
                                 input_offset
                           : border_value;
                if (value == 0) continue;
                const uint8_t* taps = f + ((fy * filter_cols + fx) * in_depth + c) * out_depth;
                for (int64_t o = 0; o < out_depth; ++o) {
                  totals[o] += static_cast<uint32_t>(value * (taps[o] - filter_offset));
                }
              }
            }
          }
          int32_t* pixel = out + ((b * out_rows + oy) * out_cols + ox) * out_depth;
          for (int64_t o = 0; o < out_depth; ++o) pixel[o] = static_cast<int32_t>(totals[o]);
        }
      }
    }
    context.set_output(0, std::move(output));
    SetProductRange(context, r);
    return absl::OkStatus();
  }

 private:
  int stride_;
  bool same_;
};

absl::StatusOr<std::unique_ptr<Kernel>> BuildQuantizedConv2D(const KernelBuildContext& context) {
  absl::StatusOr<std::vector<int64_t>> strides = context.attrs.GetIntList("strides");
  absl::StatusOr<std::string> padding = context.attrs.GetString("padding");
  if (!strides.ok()) return strides.status();
  if (!padding.ok()) return padding.status();
  if (strides->size() != 4) {
    return context.Error("Sliding window strides field must specify 4 dimensions");
  }
  if ((*strides)[1] != (*strides)[2]) {
    return context.Error(
        "Current implementation only supports equal length strides in the row and column "
        "dimensions.");
  }
  if ((*strides)[0] != 1 || (*strides)[3] != 1) {
    return context.Error(
        "Current implementation does not yet support strides in the batch and depth "
        "dimensions.");
  }
  if ((*strides)[1] < 1) return context.Error("strides must be positive");
  if (*padding != "SAME" && *padding != "VALID") {
    return context.Error(absl::StrCat("padding must be SAME or VALID, got ", *padding));
  }
  return std::make_unique<QuantizedConv2DKernel>(static_cast<int>((*strides)[1]),
                                                 *padding == "SAME");
}

REGISTER_KERNEL_FACTORY("QuantizedConv2D", BuildQuantizedConv2D,
                        {{"Tinput", {tensorflow::DT_QUINT8}},
                         {"Tfilter", {tensorflow::DT_QUINT8}},
                         {"out_type", {tensorflow::DT_QINT32}}});

}  // namespace
}  // namespace tfjs::runtime::quantized
