// Every Keras case of the corpus converted with --input_format=keras
// --output_format=tfjs_graph_model and run in the native runtime: the cases with Keras's
// reference outputs on their inputs, compared (|got - want| <= 1e-3 * |want| + 1e-5); the
// others on ones. A case that does not
// convert or match must be listed, with its reason, in keras_graph_known_failures.txt; a listed
// case that passes fails the test too.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "converter/cli/convert.h"
#include "converter/readers/corpus_case.h"
#include "converter/readers/proto_file.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "tools/npy/npy.h"
#include "tools/npy/tensor_npy.h"

namespace tfjs::converter::keras {
namespace {

namespace fs = std::filesystem;
using runtime::Tensor;
using testing::CorpusCase;

constexpr double kRtol = 1e-3;
constexpr double kAtol = 1e-5;

std::map<std::string, std::string> ReadKnownFailures() {
  std::map<std::string, std::string> known;
  const char* runfiles = std::getenv("TEST_SRCDIR");
  std::ifstream in(absl::StrCat(runfiles != nullptr ? runfiles : ".",
                                "/tfjs_native/converter/keras/keras_graph_known_failures.txt"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.find(' ');
    known[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return known;
}

absl::StatusOr<Tensor> ReadNpy(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadFileToString(path);
  if (!bytes.ok()) return bytes.status();
  absl::StatusOr<tools::NpyArray> array = tools::DecodeNpy(*bytes, path);
  if (!array.ok()) return array.status();
  return tools::TensorFromNpy(*array);
}

// float64 references and inputs are compared and fed as the model's float32.
std::vector<double> AsDoubles(const Tensor& tensor) {
  std::vector<double> values;
  if (tensor.dtype() == tensorflow::DT_DOUBLE) {
    for (double v : tensor.values<double>()) values.push_back(v);
  } else if (tensor.dtype() == tensorflow::DT_FLOAT) {
    for (float v : tensor.values<float>()) values.push_back(v);
  }
  return values;
}

Tensor AsFloat(const Tensor& tensor) {
  if (tensor.dtype() != tensorflow::DT_DOUBLE) return tensor;
  Tensor result = *Tensor::Allocate(tensorflow::DT_FLOAT, tensor.shape());
  float* out = result.mutable_data<float>();
  int64_t i = 0;
  for (double v : tensor.values<double>()) out[i++] = static_cast<float>(v);
  return result;
}

// "" when the case converts (and, with references, matches); else why not.
std::string RunCase(const CorpusCase& c, const std::string& out_dir) {
  ConverterFlags flags;
  flags.input_format = "keras";
  flags.output_format = "tfjs_graph_model";
  flags.input_path = c.dir + "/model.h5";
  flags.output_path = out_dir;
  std::ostringstream log;
  if (absl::Status status = RunConverter(flags, log); !status.ok()) {
    return absl::StrCat("convert: ", status.message());
  }
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> model =
      runtime::GraphModel::Load(out_dir + "/model.json");
  if (!model.ok()) return absl::StrCat("load: ", model.status().message());
  const auto& specs = (*model)->inputs();
  if (!c.compare) {
    // No reference: it must still run, here on ones shaped as declared (unknown dims 3).
    std::vector<std::pair<std::string, Tensor>> feeds;
    for (const runtime::TensorSpec& spec : specs) {
      runtime::Shape shape = spec.shape;
      for (int64_t& dim : shape) dim = dim < 0 ? 3 : dim;
      absl::StatusOr<Tensor> ones = Tensor::Allocate(spec.dtype, shape);
      if (!ones.ok()) return std::string(ones.status().message());
      if (spec.dtype == tensorflow::DT_FLOAT) {
        std::fill_n(ones->mutable_data<float>(), ones->num_elements(), 1.0f);
      } else if (spec.dtype == tensorflow::DT_INT32) {
        std::fill_n(ones->mutable_data<int32_t>(), ones->num_elements(), 1);
      }
      feeds.emplace_back(spec.name, *std::move(ones));
    }
    absl::StatusOr<std::vector<Tensor>> outputs = (*model)->ExecuteAsync(feeds, {});
    return outputs.ok() ? "" : absl::StrCat("run on ones: ", outputs.status().message());
  }
  if (specs.size() != c.inputs.size()) {
    return absl::StrCat("model has ", specs.size(), " inputs, the case ", c.inputs.size());
  }
  std::vector<std::pair<std::string, Tensor>> feeds;
  for (size_t i = 0; i < c.inputs.size(); ++i) {
    absl::StatusOr<Tensor> value = ReadNpy(c.dir + "/" + c.inputs[i].file);
    if (!value.ok()) return std::string(value.status().message());
    feeds.emplace_back(specs[i].name, AsFloat(*value));
  }
  absl::StatusOr<std::vector<Tensor>> outputs = (*model)->ExecuteAsync(feeds, {});
  if (!outputs.ok()) return absl::StrCat("run: ", outputs.status().message());
  if (outputs->size() != c.outputs.size()) {
    return absl::StrCat(outputs->size(), " outputs, Keras gives ", c.outputs.size());
  }
  for (size_t i = 0; i < outputs->size(); ++i) {
    if (c.outputs[i].file.empty()) continue;
    absl::StatusOr<Tensor> want = ReadNpy(c.dir + "/" + c.outputs[i].file);
    if (!want.ok()) return std::string(want.status().message());
    const Tensor& got = (*outputs)[i];
    if (got.num_elements() != want->num_elements()) {
      return absl::StrCat("output ", i, ": ", got.num_elements(), " elements, Keras gives ",
                          want->num_elements());
    }
    const std::vector<double> g = AsDoubles(got), w = AsDoubles(*want);
    if (g.size() != w.size()) return absl::StrCat("output ", i, ": not float");
    int64_t bad = 0, first = -1;
    for (size_t k = 0; k < g.size(); ++k) {
      if (!(std::abs(g[k] - w[k]) <= kAtol + kRtol * std::abs(w[k]))) {
        if (first < 0) first = static_cast<int64_t>(k);
        ++bad;
      }
    }
    if (bad > 0) {
      return absl::StrCat("output ", i, ": ", bad, " of ", g.size(), " differ, first at ", first,
                          ": ", g[first], " vs Keras ", w[first]);
    }
  }
  return "";
}

TEST(KerasCorpusTest, ConvertsAndMatchesKeras) {
  const std::map<std::string, std::string> known = ReadKnownFailures();
  const std::string work = ::testing::TempDir() + "/keras_graph";
  int converted = 0, compared = 0, matched = 0, total = 0;
  std::map<std::string, bool> seen;
  for (const std::string& dir : testing::CaseDirs("keras")) {
    absl::StatusOr<CorpusCase> c = testing::ReadCase(dir);
    ASSERT_TRUE(c.ok()) << c.status();
    ++total;
    const std::string failure = RunCase(*c, work + "/" + c->id);
    if (!absl::StartsWith(failure, "convert: ")) ++converted;
    if (c->compare) ++compared;
    if (c->compare && failure.empty()) ++matched;
    auto it = known.find(c->id);
    seen[c->id] = true;
    if (failure.empty()) {
      EXPECT_TRUE(it == known.end()) << c->id << " passes but is listed: " << it->second;
    } else {
      EXPECT_TRUE(it != known.end()) << c->id << ": " << failure;
      std::cout << "KNOWN " << c->id << ": " << failure << "\n";
    }
  }
  for (const auto& [id, reason] : known) EXPECT_TRUE(seen.count(id)) << id << " is no case";
  std::cout << total << " Keras cases: " << converted << " convert to a graph model; " << matched
            << " of " << compared << " with references match Keras\n";
  EXPECT_GT(total, 0);
}

}  // namespace
}  // namespace tfjs::converter::keras
