// TF.js weight bytes for one Const tensor: little-endian elements in the dtypes TF.js reads,
// strings as a uint32 byte length then the bytes, as tensorflowjs_converter's write_weights does.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_ENCODING_H_
#define TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_ENCODING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/tensor.pb.h"

namespace tfjs::converter {

struct WeightSpec {
  std::string name;
  std::vector<int64_t> shape;
  // The manifest dtype: float32, int32, bool, string or complex64; for the native target also
  // float64, int64, uint64, uint32 and complex128.
  std::string dtype;
  // numpy's name for the tensor's own dtype when it was converted to `dtype` (float64, int64,
  // uint64, uint32, complex128 narrowed for TF.js; float16, int8, int16, uint8, uint16 widened;
  // bfloat16 widened for the native target), else empty.
  std::string converted_from;
  int64_t byte_size = 0;
};

// Which weight dtypes DescribeWeight writes: TF.js's, or the native target's, which keeps
// float64, int64, uint64, uint32 and complex128 exact and also takes bfloat16 (as float32). The
// runtime converts weights back to the dtype their Const declares.
enum class WeightDtypes { kTfjs, kNative };

// Checks that the tensor can be a weight and sizes it. For TF.js, float64, int64, uint64 and
// uint32 narrow to float32 and int32 (integers wrap), complex128 to complex64; float16 widens to
// float32 and int8, int16, uint8, uint16 to int32 (exact, on both targets). Other dtypes
// (bfloat16 unless kNative; quantized, resource, variant, ...) fail, naming the weight.
absl::StatusOr<WeightSpec> DescribeWeight(absl::string_view name,
                                          const tensorflow::TensorProto& tensor,
                                          WeightDtypes dtypes = WeightDtypes::kTfjs);

// The weight's bytes (spec.byte_size of them). Tensors given by fewer values than elements repeat
// their last value, none means zeros, as TensorFlow reads them. `wrapped_int64_values`, when
// given, is increased by the integers narrowed to int32 that did not fit and wrapped (as numpy's
// astype).
absl::StatusOr<std::string> EncodeWeight(const WeightSpec& spec,
                                         const tensorflow::TensorProto& tensor,
                                         int64_t* wrapped_int64_values = nullptr);

// The weight's bytes viewed in place when the tensor already holds them as TF.js lays them out
// (tensor_content of a dtype written as is, spec.byte_size of them), so that large weights reach
// the shards without a copy; nullopt when EncodeWeight must build them.
std::optional<absl::string_view> WeightBytesInPlace(const WeightSpec& spec,
                                                    const tensorflow::TensorProto& tensor);

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_ENCODING_H_
