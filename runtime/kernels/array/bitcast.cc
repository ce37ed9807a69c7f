// Bitcast: the same bytes as another dtype. Equal widths keep the shape; a narrower output type
// adds a last dim of in_width / out_width; a wider one needs the last dim to equal
// out_width / in_width and drops it.
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/array/array_dtypes.h"

namespace tfjs::runtime {
namespace {

absl::Status ComputeBitcast(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  const auto& attrs = context.node().attr();
  if (!attrs.count("type")) return context.Error("missing attr 'type'");
  const DataType type = attrs.at("type").type();
  const int64_t in_size = DataTypeSize(input.dtype());
  const int64_t out_size = DataTypeSize(type);
  if (in_size == 0 || out_size == 0) {
    return context.Error(absl::StrCat("cannot bitcast from ", DataTypeName(input.dtype()), " to ",
                                      DataTypeName(type)));
  }
  Shape shape = input.shape();
  if (in_size > out_size) {
    shape.push_back(in_size / out_size);
  } else if (in_size < out_size) {
    if (shape.empty() || shape.back() != out_size / in_size) {
      return context.Error(absl::StrCat("Cannot bitcast from ", DataTypeName(input.dtype()), " to ",
                                        DataTypeName(type), ": shape ", ShapeString(input.shape()),
                                        " must end in ", out_size / in_size));
    }
    shape.pop_back();
  }
  absl::StatusOr<Tensor> output = Tensor::Allocate(type, shape);
  if (!output.ok()) return context.Error(output.status().message());
  std::memcpy(output->mutable_data<void>(), input.raw_data(), input.byte_size());
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

// The numbers and the quantized dtypes, for input and output alike.
std::vector<DataType> BitcastDtypes() { return array::With(dtypes::Number(), array::kQuantized); }

REGISTER_KERNEL("Bitcast", ComputeBitcast, {{"T", BitcastDtypes()}, {"type", BitcastDtypes()}});

}  // namespace
}  // namespace tfjs::runtime
