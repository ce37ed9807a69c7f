// DecodeJSONExample: each JSON tf.train.Example (protobuf's JSON mapping) to its binary wire
// form, through protobuf's JSON parser on proto/example.proto.
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "proto/example.pb.h"
#include "runtime/kernel.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

absl::Status ComputeDecodeJsonExample(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, 0, "json_examples"); !status.ok()) {
    return status;
  }
  const Tensor& input = context.input(0);
  std::vector<std::string> out(input.num_elements());
  for (size_t i = 0; i < out.size(); ++i) {
    tensorflow::Example example;
    const auto status = google::protobuf::util::JsonStringToMessage(input.strings()[i], &example);
    if (!status.ok()) {
      return context.Error(absl::StrCat("Error while parsing JSON: ", status.ToString()));
    }
    out[i] = example.SerializeAsString();
  }
  context.set_output(0, Tensor::Strings(input.shape(), std::move(out)));
  return absl::OkStatus();
}

REGISTER_KERNEL("DecodeJSONExample", ComputeDecodeJsonExample);

}  // namespace
}  // namespace tfjs::runtime
