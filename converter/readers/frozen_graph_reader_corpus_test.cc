// Reads every frozen graph of the corpus, in both formats when the case has both.
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "converter/passes/tensor_name.h"
#include "converter/readers/corpus_case.h"
#include "converter/readers/frozen_graph_reader.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

bool Exists(const std::string& path) { return ReadGraphDefFile(path).status().code() !=
                                              absl::StatusCode::kNotFound; }

const std::vector<std::string>& FrozenGraphCategories() {
  static const auto* const kCategories = new std::vector<std::string>{
      "control_flow", "conv_pool",    "dtypes", "elementwise", "empty_tensor", "gather_scatter",
      "image",        "linalg",       "matmul", "misc",        "nchw",         "nn",
      "random",       "reductions",   "rnn",    "shape_array"};
  return *kCategories;
}

TEST(FrozenGraphReaderCorpusTest, ReadsEveryFrozenGraph) {
  int models = 0;
  int twins = 0;
  for (const std::string& category : FrozenGraphCategories()) {
    for (const std::string& dir : testing::CaseDirs(category)) {
      SCOPED_TRACE(dir);
      absl::StatusOr<testing::CorpusCase> corpus_case = testing::ReadCase(dir);
      ASSERT_TRUE(corpus_case.ok()) << corpus_case.status();
      if (corpus_case->format != "tf_frozen_model") continue;
      const std::string binary = dir + "/frozen_model.pb";
      const std::string text = dir + "/frozen_model.pbtxt";
      const bool has_binary = Exists(binary);
      const bool has_text = Exists(text);
      ASSERT_TRUE(has_binary || has_text);

      if (has_binary && has_text) {
        absl::StatusOr<tensorflow::GraphDef> from_binary = ReadGraphDefFile(binary);
        absl::StatusOr<tensorflow::GraphDef> from_text = ReadGraphDefFile(text);
        ASSERT_TRUE(from_binary.ok()) << from_binary.status();
        ASSERT_TRUE(from_text.ok()) << from_text.status();
        std::string difference;
        google::protobuf::util::MessageDifferencer differencer;
        differencer.ReportDifferencesToString(&difference);
        EXPECT_TRUE(differencer.Compare(*from_binary, *from_text)) << difference;
        ++twins;
      }

      std::vector<std::string> outputs;
      for (const testing::CorpusTensor& output : corpus_case->outputs) {
        outputs.push_back(output.tensor);
      }
      if (outputs.empty()) {
        // A load-only case; some of these are hand-edited text graphs that TF itself rejects
        // (fields GraphDef does not have), so they must parse or fail naming the file.
        const std::string path = has_binary ? binary : text;
        absl::StatusOr<tensorflow::GraphDef> graph = ReadGraphDefFile(path);
        if (graph.ok()) {
          EXPECT_GT(graph->node_size(), 0);
        } else {
          EXPECT_NE(graph.status().message().find(path), std::string::npos) << graph.status();
        }
        continue;
      }
      absl::StatusOr<FrozenModel> model = ReadFrozenModel(has_binary ? binary : text, outputs);
      ASSERT_TRUE(model.ok()) << model.status();
      ++models;

      absl::flat_hash_set<std::string> nodes;
      for (const tensorflow::NodeDef& node : model->graph.node()) nodes.insert(node.name());
      EXPECT_EQ(model->signature.inputs_size(), 0);
      ASSERT_EQ(model->signature.outputs_size(), outputs.size());
      for (const std::string& output : outputs) {
        auto info = model->signature.outputs().find(output);
        ASSERT_NE(info, model->signature.outputs().end()) << output;
        EXPECT_TRUE(nodes.contains(InputNodeName(info->second.name()))) << output;
      }
      for (const testing::CorpusTensor& input : corpus_case->inputs) {
        EXPECT_TRUE(nodes.contains(input.name)) << "input " << input.name << " was pruned";
      }
    }
  }
  EXPECT_GE(models, 450);
  EXPECT_GE(twins, 400);
}

}  // namespace
}  // namespace tfjs::converter
