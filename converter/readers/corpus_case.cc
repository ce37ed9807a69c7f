#include "converter/readers/corpus_case.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "converter/readers/proto_file.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace tfjs::converter::testing {
namespace {

namespace fs = std::filesystem;

std::string StringField(const google::protobuf::Struct& object, const std::string& name) {
  auto it = object.fields().find(name);
  return it == object.fields().end() ? "" : it->second.string_value();
}

std::vector<CorpusTensor> Tensors(const google::protobuf::Struct& object,
                                  const std::string& name) {
  std::vector<CorpusTensor> tensors;
  auto it = object.fields().find(name);
  if (it == object.fields().end()) return tensors;
  for (const auto& value : it->second.list_value().values()) {
    const auto& entry = value.struct_value();
    tensors.push_back({StringField(entry, "key"), StringField(entry, "name"),
                       StringField(entry, "tensor"), StringField(entry, "dtype"),
                       StringField(entry, "file")});
  }
  return tensors;
}

}  // namespace

std::string CorpusRoot() {
  const char* runfiles = std::getenv("TEST_SRCDIR");
  const std::string base = runfiles != nullptr ? runfiles : ".";
  for (const std::string& candidate :
       {base + "/corpus", base + "/tfjs_native/external/corpus"}) {
    std::error_code error;
    if (fs::exists(candidate + "/index.json", error)) return candidate;
  }
  return base + "/corpus";
}

std::vector<std::string> CaseDirs(const std::string& category) {
  std::vector<std::string> dirs;
  std::error_code error;
  for (fs::directory_iterator it(CorpusRoot() + "/" + category, error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_directory()) dirs.push_back(it->path().string());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

absl::StatusOr<CorpusCase> ReadCase(const std::string& dir) {
  absl::StatusOr<std::string> json = ReadFileToString(dir + "/case.json");
  if (!json.ok()) return json.status();
  google::protobuf::Struct root;
  auto status = google::protobuf::util::JsonStringToMessage(*json, &root);
  if (!status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(dir, "/case.json: ", status.ToString()));
  }
  CorpusCase result;
  result.dir = dir;
  result.id = StringField(root, "id");
  result.category = fs::path(dir).parent_path().filename().string();
  result.format = StringField(root, "format");
  auto compare = root.fields().find("compare");
  result.compare = compare != root.fields().end() && compare->second.bool_value();
  result.inputs = Tensors(root, "inputs");
  result.outputs = Tensors(root, "outputs");
  auto saved_model = root.fields().find("saved_model");
  if (saved_model != root.fields().end()) {
    result.tags = StringField(saved_model->second.struct_value(), "tags");
    result.signature = StringField(saved_model->second.struct_value(), "signature");
  }
  return result;
}

}  // namespace tfjs::converter::testing
