// pbtxt_to_pb: turns a text-format TensorFlow proto (GraphDef, SavedModel, ...) into its binary
// wire form, so test models are committed as readable text and built into .pb files.
//
//   pbtxt_to_pb --message=tensorflow.GraphDef in.pbtxt out.pb

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "proto/graph.pb.h"
#include "proto/module_def.pb.h"
#include "proto/saved_model.pb.h"

namespace {

constexpr absl::string_view kMessageFlag = "--message=";
constexpr absl::string_view kUsage =
    "usage: pbtxt_to_pb --message=tensorflow.GraphDef|tensorflow.SavedModel|... in.pbtxt out.pb";

// Collects parse errors with their line and column instead of printing them.
class ErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    absl::StrAppend(&errors_, "\n  line ", line + 1, ", column ", column + 1, ": ", message);
  }
  const std::string& errors() const { return errors_; }

 private:
  std::string errors_;
};

absl::Status Convert(absl::string_view message_name, const std::string& in_path,
                     const std::string& out_path) {
  // Referencing the generated types links their descriptors into the pool.
  tensorflow::GraphDef::descriptor();
  tensorflow::SavedModel::descriptor();
  tensorflow_hub::ModuleDef::descriptor();
  const google::protobuf::Descriptor* descriptor =
      google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
          std::string(message_name));
  if (descriptor == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("unknown message type '", message_name, "'"));
  }
  std::unique_ptr<google::protobuf::Message> message(
      google::protobuf::MessageFactory::generated_factory()->GetPrototype(descriptor)->New());

  std::ifstream in(in_path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", in_path));
  std::stringstream text;
  text << in.rdbuf();

  ErrorCollector errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text.str(), message.get())) {
    return absl::InvalidArgumentError(
        absl::StrCat(in_path, " is not a valid ", message_name, ":", errors.errors()));
  }

  std::string binary;
  if (!message->SerializeToString(&binary)) {
    return absl::InternalError(absl::StrCat("cannot serialize ", in_path));
  }
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  out.write(binary.data(), binary.size());
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", out_path));
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 || !absl::StartsWith(argv[1], kMessageFlag)) {
    std::cerr << kUsage << "\n";
    return 2;
  }
  absl::string_view message_name = absl::string_view(argv[1]).substr(kMessageFlag.size());
  absl::Status status = Convert(message_name, argv[2], argv[3]);
  if (!status.ok()) {
    std::cerr << "pbtxt_to_pb: " << status.message() << "\n";
    return 1;
  }
  return 0;
}
