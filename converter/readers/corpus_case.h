// Conformance corpus cases (../shared/corpus): finds them in a test's runfiles and reads their
// case.json; used by the corpus tests and //tools:conformance.
#ifndef TFJS_NATIVE_CONVERTER_READERS_CORPUS_CASE_H_
#define TFJS_NATIVE_CONVERTER_READERS_CORPUS_CASE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tfjs::converter::testing {

struct CorpusTensor {
  std::string key;     // signature key (SavedModels only)
  std::string name;    // node name
  std::string tensor;  // "node:k"
  std::string dtype;   // TF's name ("float32", "bfloat16", ...); empty when unknown
  std::string file;    // .npy path relative to the case directory; empty when no value is stored
};

struct CorpusCase {
  std::string dir;  // absolute case directory
  std::string id;
  std::string category;  // the case directory's parent folder
  std::string format;
  bool compare = false;  // outputs are reproducible and stored
  std::vector<CorpusTensor> inputs;
  std::vector<CorpusTensor> outputs;
  std::string tags;       // SavedModels only
  std::string signature;  // SavedModels only
};

// The corpus root inside the runfiles (Bazel 4 lays external repositories out both as
// `<runfiles>/corpus` and `<runfiles>/<workspace>/external/corpus`).
std::string CorpusRoot();

// Every case directory of `category`, sorted.
std::vector<std::string> CaseDirs(const std::string& category);

absl::StatusOr<CorpusCase> ReadCase(const std::string& dir);

}  // namespace tfjs::converter::testing

#endif  // TFJS_NATIVE_CONVERTER_READERS_CORPUS_CASE_H_
