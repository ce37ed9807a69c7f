// Optimizes every frozen graph and SavedModel of the corpus: never more nodes than before, and
// the same values in the native runtime for the case's inputs. Prints node totals.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "converter/frozen_model.h"
#include "converter/passes/graph_runner_testing.h"
#include "converter/passes/optimize.h"
#include "converter/passes/prune_graph.h"
#include "converter/passes/strip_debug_ops.h"
#include "converter/readers/corpus_case.h"
#include "converter/readers/frozen_graph_reader.h"
#include "converter/readers/proto_file.h"
#include "converter/readers/saved_model_reader.h"
#include "gtest/gtest.h"
#include "runtime/graph_model.h"
#include "tools/npy/tensor_npy.h"

namespace tfjs::converter {
namespace {

constexpr const char* kCategories[] = {
    "control_flow", "conv_pool", "dtypes", "elementwise", "empty_tensor", "gather_scatter",
    "image", "linalg", "matmul", "misc", "nchw", "nn", "random", "reductions", "rnn",
    "saved_model", "shape_array"};

struct Totals {
  int models = 0;
  int64_t nodes_before = 0;
  int64_t nodes_after = 0;
  int compared = 0;
};

absl::StatusOr<FrozenModel> ReadCaseModel(const testing::CorpusCase& corpus_case) {
  if (corpus_case.format == "tf_saved_model") {
    SavedModelReadOptions options;
    options.tags = corpus_case.tags;
    options.signature_name = corpus_case.signature;
    return ReadSavedModel(corpus_case.dir + "/saved_model", options);
  }
  std::vector<std::string> outputs;
  absl::flat_hash_set<std::string> seen;
  for (const testing::CorpusTensor& output : corpus_case.outputs) {
    if (seen.insert(output.name).second) outputs.push_back(output.name);
  }
  const std::string pb = corpus_case.dir + "/frozen_model.pb";
  return ReadFrozenModel(ReadFileToString(pb).ok() ? pb : corpus_case.dir + "/frozen_model.pbtxt",
                         outputs);
}

bool HasRandomOps(const tensorflow::GraphDef& graph) {
  for (const tensorflow::NodeDef& node : graph.node()) {
    if (absl::StrContains(node.op(), "Random") || node.op() == "TruncatedNormal" ||
        node.op() == "Multinomial") {
      return true;
    }
  }
  return false;
}

absl::StatusOr<std::vector<runtime::Tensor>> RunModel(
    const FrozenModel& model, const std::vector<std::pair<std::string, runtime::Tensor>>& feeds,
    const std::vector<std::string>& fetches) {
  absl::StatusOr<std::unique_ptr<runtime::GraphModel>> graph_model =
      runtime::GraphModel::FromGraphDef(model.graph, {}, model.signature, {});
  if (!graph_model.ok()) return graph_model.status();
  return (*graph_model)->ExecuteAsync(feeds, fetches);
}

absl::StatusOr<std::vector<std::pair<std::string, runtime::Tensor>>> ReadFeeds(
    const testing::CorpusCase& corpus_case) {
  std::vector<std::pair<std::string, runtime::Tensor>> feeds;
  const bool by_key = corpus_case.format == "tf_saved_model";
  for (size_t i = 0; i < corpus_case.inputs.size(); ++i) {
    const std::string path = absl::StrCat(corpus_case.dir, "/inputs/", i, ".npy");
    absl::StatusOr<std::string> bytes = ReadFileToString(path);
    if (!bytes.ok()) return bytes.status();
    absl::StatusOr<tools::NpyArray> array = tools::DecodeNpy(*bytes, path);
    if (!array.ok()) return array.status();
    absl::StatusOr<runtime::Tensor> tensor = tools::TensorFromNpy(*array);
    if (!tensor.ok()) return tensor.status();
    const testing::CorpusTensor& input = corpus_case.inputs[i];
    feeds.emplace_back(by_key ? input.key : input.tensor, *std::move(tensor));
  }
  return feeds;
}

TEST(OptimizeCorpusTest, FewerOrEqualNodesAndTheSameOutputs) {
  Totals frozen, saved;
  int unreadable = 0;
  int not_run = 0;
  for (const char* category : kCategories) {
    for (const std::string& dir : testing::CaseDirs(category)) {
      absl::StatusOr<testing::CorpusCase> corpus_case = testing::ReadCase(dir);
      ASSERT_TRUE(corpus_case.ok()) << corpus_case.status();
      if (corpus_case->format != "tf_frozen_model" && corpus_case->format != "tf_saved_model") {
        continue;
      }
      SCOPED_TRACE(corpus_case->id);
      absl::StatusOr<FrozenModel> before = ReadCaseModel(*corpus_case);
      if (!before.ok()) {
        ++unreadable;
        continue;
      }
      // What the converter optimizes: the model as read, with debug ops stripped (the default).
      // Its by-reference weights are read, so that `before` runs with their values.
      ASSERT_TRUE(MaterializeAllConsts(&*before).ok());
      StripDebugOps(&before->graph);
      std::vector<std::string> outputs;
      for (const auto& [key, info] : before->signature.outputs()) outputs.push_back(info.name());
      for (const auto& [key, info] : before->signature.inputs()) outputs.push_back(info.name());
      ASSERT_TRUE(PruneGraph(outputs, &before->graph).ok());
      FrozenModel after = *before;
      absl::Status status = RunOptimizationPasses(after);
      ASSERT_TRUE(status.ok()) << status;
      EXPECT_LE(after.graph.node_size(), before->graph.node_size());
      Totals& totals = corpus_case->format == "tf_saved_model" ? saved : frozen;
      ++totals.models;
      totals.nodes_before += before->graph.node_size();
      totals.nodes_after += after.graph.node_size();

      // Cases listing no outputs (read with the graph's sink tensors) have nothing to compare.
      if (HasRandomOps(before->graph) || corpus_case->outputs.empty()) continue;
      absl::StatusOr<std::vector<std::pair<std::string, runtime::Tensor>>> feeds =
          ReadFeeds(*corpus_case);
      ASSERT_TRUE(feeds.ok()) << feeds.status();
      std::vector<std::string> fetches;
      for (const testing::CorpusTensor& output : corpus_case->outputs) {
        fetches.push_back(corpus_case->format == "tf_saved_model" ? output.key : output.tensor);
      }
      absl::StatusOr<std::vector<runtime::Tensor>> want = RunModel(*before, *feeds, fetches);
      if (!want.ok()) {
        ++not_run;
        continue;
      }
      absl::StatusOr<std::vector<runtime::Tensor>> got = RunModel(after, *feeds, fetches);
      ASSERT_TRUE(got.ok()) << got.status();
      for (size_t i = 0; i < fetches.size(); ++i) {
        SCOPED_TRACE(fetches[i]);
        testing::ExpectSameTensor((*want)[i], (*got)[i]);
      }
      ++totals.compared;
    }
  }
  ASSERT_GT(frozen.models, 300) << "corpus not found under " << testing::CorpusRoot();
  for (const auto& [format, totals] : {std::pair<const char*, const Totals&>{"frozen graphs", frozen},
                                       {"SavedModels", saved}}) {
    std::printf("%s: %d models, %lld nodes before optimization (debug ops stripped), %lld after (%.1f%% fewer); "
                "outputs compared in the runtime for %d\n",
                format, totals.models, static_cast<long long>(totals.nodes_before),
                static_cast<long long>(totals.nodes_after),
                100.0 * (totals.nodes_before - totals.nodes_after) /
                    std::max<int64_t>(1, totals.nodes_before),
                totals.compared);
  }
  std::printf("not readable: %d; not runnable in the runtime before optimization: %d\n",
              unreadable, not_run);
}

}  // namespace
}  // namespace tfjs::converter
