#include "converter/cli/convert.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "gtest/gtest.h"
#include "proto/graph.pb.h"
#include "tools/testing/test_files.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

using ::tfjs::test_files::ReadFile;

// y = x * w, and, behind a control edge, an Assert on x.
constexpr char kFrozenGraph[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr { key: "dtype" value { type: DT_FLOAT } }
  }
  node {
    name: "w"
    op: "Const"
    attr { key: "dtype" value { type: DT_FLOAT } }
    attr {
      key: "value"
      value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } } float_val: 3 float_val: 4 } }
    }
  }
  node { name: "y" op: "Mul" input: "x" input: "w" attr { key: "T" value { type: DT_FLOAT } } }
)pb";

class RunConverterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(std::getenv("TEST_TMPDIR")) /
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(root_);
    fs::create_directories(root_);
    flags_.input_format = "tf_frozen_model";
    flags_.input_path = WriteGraph("model.pbtxt", kFrozenGraph);
    flags_.output_path = (root_ / "web").string();
    flags_.output_node_names = "y";
  }

  std::string WriteGraph(const std::string& name, const std::string& text) {
    const fs::path path = root_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  absl::Status Run() { return RunConverter(flags_, log_); }

  fs::path root_;
  ConverterFlags flags_;
  std::ostringstream log_;
};

TEST_F(RunConverterTest, FrozenGraphBecomesGraphModel) {
  ASSERT_TRUE(Run().ok()) << Run();
  const std::string json = ReadFile(root_ / "web" / "model.json");
  EXPECT_EQ(json.rfind(R"({"format": "graph-model", )", 0), 0) << json;
  EXPECT_NE(json.find(R"("weights": [{"name": "w", "shape": [2], "dtype": "float32"}])"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("outputs": {"y": {"name": "y"}})"), std::string::npos) << json;
  EXPECT_EQ(ReadFile(root_ / "web" / "group1-shard1of1.bin").size(), 8);
}

// tf_frozen_model output holds public TF ops only, unless --public_tf_ops=false.
TEST_F(RunConverterTest, FrozenGraphOutputSplitsFusedOps) {
  flags_.input_path = WriteGraph("dense.pbtxt", R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node {
      name: "w"
      op: "Const"
      attr { key: "dtype" value { type: DT_FLOAT } }
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape { dim { size: 2 } dim { size: 2 } }
            float_val: [ 1, 2, 3, 4 ]
          }
        }
      }
    }
    node {
      name: "b"
      op: "Const"
      attr { key: "dtype" value { type: DT_FLOAT } }
      attr {
        key: "value"
        value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 2 } } float_val: [ 1, -9 ] } }
      }
    }
    node { name: "xw" op: "MatMul" input: "x" input: "w" attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "xwb" op: "BiasAdd" input: "xw" input: "b" attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "y" op: "Relu" input: "xwb" attr { key: "T" value { type: DT_FLOAT } } }
  )pb");
  flags_.output_format = "tf_frozen_model";
  flags_.output_path = (root_ / "frozen.pb").string();
  const auto ops = [&] {
    tensorflow::GraphDef graph;
    EXPECT_TRUE(graph.ParseFromString(ReadFile(root_ / "frozen.pb")));
    std::multiset<std::string> ops;
    for (const tensorflow::NodeDef& node : graph.node()) ops.insert(node.op());
    return ops;
  };
  ASSERT_TRUE(Run().ok()) << Run();
  EXPECT_EQ(ops(), (std::multiset<std::string>{"BiasAdd", "Const", "Const", "MatMul", "Placeholder",
                                                "Relu"}));
  flags_.public_tf_ops = false;
  ASSERT_TRUE(Run().ok()) << Run();
  EXPECT_EQ(ops(), (std::multiset<std::string>{"Const", "Const", "Placeholder", "_FusedMatMul"}));
}

TEST_F(RunConverterTest, GraphModelConvertedOntoItselfIsRefused) {
  ASSERT_TRUE(Run().ok()) << Run();
  const std::string web = (root_ / "web").string();
  const std::string json = ReadFile(root_ / "web" / "model.json");
  ConverterFlags flags;
  flags.input_format = "tfjs_graph_model";
  flags.input_path = web + "/model.json";
  flags.output_path = web + "/";
  EXPECT_EQ(RunConverter(flags, log_),
            absl::InvalidArgumentError("the output path " + web +
                                       "/ is the input model's directory: write the converted "
                                       "model elsewhere"));
  flags.input_path = web;
  flags.output_path = (root_ / "." / "web").string();
  EXPECT_EQ(RunConverter(flags, log_).code(), absl::StatusCode::kInvalidArgument);
  flags.input_path = web + "/model.json";
  flags.output_format = "tf_frozen_model";
  flags.output_path = web + "/model.json";
  EXPECT_EQ(RunConverter(flags, log_),
            absl::InvalidArgumentError("the output path " + web +
                                       "/model.json is the input model's model.json: write the "
                                       "converted model elsewhere"));
  EXPECT_EQ(ReadFile(root_ / "web" / "model.json"), json);
  flags.output_format = "";
  flags.output_path = (root_ / "web2").string();
  EXPECT_TRUE(RunConverter(flags, log_).ok());
}

TEST_F(RunConverterTest, ShardSizeAndMetadataReachTheWriter) {
  std::ofstream(root_ / "meta.json") << R"({"labels": ["cat", "dog"]})";
  flags_.metadata = "info:" + (root_ / "meta.json").string();
  flags_.weight_shard_size_bytes = 4;
  ASSERT_TRUE(Run().ok()) << Run();
  EXPECT_TRUE(fs::exists(root_ / "web" / "group1-shard2of2.bin"));
  EXPECT_NE(ReadFile(root_ / "web" / "model.json")
                .find(R"("userDefinedMetadata": {"info": {"labels": ["cat", "dog"]}})"),
            std::string::npos);
}

TEST_F(RunConverterTest, MissingMetadataFileFails) {
  flags_.metadata = "info:" + (root_ / "absent.json").string();
  absl::Status status = Run();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("absent.json"), std::string::npos) << status;
  flags_.metadata = "no-colon";
  EXPECT_FALSE(Run().ok());
  EXPECT_FALSE(fs::exists(root_ / "web"));
}

TEST_F(RunConverterTest, UnsupportedOpsFailUnlessTheCheckIsSkipped) {
  std::string graph = kFrozenGraph;
  graph += R"pb(node { name: "z" op: "MadeUpOp" input: "y" })pb";
  flags_.input_path = WriteGraph("custom.pbtxt", graph);
  flags_.output_node_names = "z";
  absl::Status status = Run();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("MadeUpOp (node z)"), std::string::npos) << status;
  EXPECT_FALSE(fs::exists(root_ / "web"));
  flags_.skip_op_check = true;
  EXPECT_TRUE(Run().ok());
}

TEST_F(RunConverterTest, DebugOpsAreStrippedByDefault) {
  std::string graph = kFrozenGraph;
  graph += R"pb(node { name: "check" op: "Assert" input: "x" }
                node { name: "out" op: "Identity" input: "y" input: "^check" })pb";
  flags_.input_path = WriteGraph("asserting.pbtxt", graph);
  flags_.output_node_names = "out";
  ASSERT_TRUE(Run().ok()) << Run();
  const std::string json = ReadFile(root_ / "web" / "model.json");
  EXPECT_EQ(json.find("Assert"), std::string::npos) << json;
  EXPECT_EQ(json.find("^check"), std::string::npos) << json;
  // Kept, the Assert meets the op check; TF.js has no Assert.
  flags_.strip_debug_ops = false;
  absl::Status status = Run();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("Assert (node check)"), std::string::npos) << status;
  flags_.skip_op_check = true;
  EXPECT_TRUE(Run().ok());
}

TEST_F(RunConverterTest, UnimplementedOptionsAreRefusedNotIgnored) {
  const std::vector<std::pair<std::string, void (*)(ConverterFlags*)>> cases = {
      {"--experiments", [](ConverterFlags* f) { f->experiments = true; }},
      {"--input_format=keras_saved_model",
       [](ConverterFlags* f) { f->input_format = "keras_saved_model"; }},
      {"--input_format=keras --output_format=keras",
       [](ConverterFlags* f) {
         f->input_format = "keras";
         f->output_format = "keras";
       }},
      {"--output_format=tfjs_layers_model",
       [](ConverterFlags* f) { f->output_format = "tfjs_layers_model"; }},
  };
  for (const auto& [name, apply] : cases) {
    ConverterFlags flags = flags_;
    apply(&flags);
    absl::Status status = RunConverter(flags, log_);
    EXPECT_EQ(status.code(), absl::StatusCode::kUnimplemented) << name << ": " << status;
    EXPECT_NE(status.message().find("not implemented yet"), std::string::npos) << name;
  }
  EXPECT_FALSE(fs::exists(root_ / "web"));
}

TEST_F(RunConverterTest, TensorflowjsConverterFlagRules) {
  ConverterFlags flags = flags_;
  flags.output_path.clear();
  EXPECT_NE(RunConverter(flags, log_).message().find("Missing output_path"), std::string::npos);
  flags = flags_;
  flags.signature_name = "serving_default";
  EXPECT_NE(RunConverter(flags, log_).message().find("--signature_name flag is applicable only"),
            std::string::npos);
  flags = flags_;
  flags.input_format = "tfjs_layers_model";  // Infers output keras.
  flags.weight_shard_size_bytes = 10;
  EXPECT_NE(RunConverter(flags, log_).message().find("--weight_shard_size_bytes flag is only"),
            std::string::npos);
}

// Beyond tensorflowjs_converter, which requires the flag: the graph's sink tensors are the
// outputs, printed, and the model is the one naming them gives.
TEST_F(RunConverterTest, FrozenGraphWithoutOutputNamesOutputsItsSinkTensors) {
  ASSERT_TRUE(Run().ok()) << Run();
  const std::string named = ReadFile(root_ / "web" / "model.json");
  fs::remove_all(root_ / "web");
  flags_.output_node_names.clear();
  log_.str("");
  ASSERT_TRUE(Run().ok()) << Run();
  EXPECT_EQ(ReadFile(root_ / "web" / "model.json"), named);
  EXPECT_NE(log_.str().find("the outputs are the graph's sink tensors: y\n"), std::string::npos)
      << log_.str();
}

TEST_F(RunConverterTest, UnsortedTopKIsNotedForTfjs) {
  flags_.input_path = WriteGraph("topk.pbtxt", R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
    node {
      name: "k"
      op: "Const"
      attr { key: "dtype" value { type: DT_INT32 } }
      attr { key: "value" value { tensor { dtype: DT_INT32 tensor_shape {} int_val: 2 } } }
    }
    node {
      name: "top"
      op: "TopKV2"
      input: "x"
      input: "k"
      attr { key: "T" value { type: DT_FLOAT } }
      attr { key: "sorted" value { b: false } }
    }
  )pb");
  flags_.output_node_names = "top";
  ASSERT_TRUE(Run().ok()) << Run();
  EXPECT_NE(log_.str().find("note: node 'top' (TopKV2, sorted=false)"), std::string::npos)
      << log_.str();
  log_.str("");
  fs::remove_all(root_ / "web");
  // The graph TF.js gets differs the same way without the rewrites.
  flags_.tfjs_rewrites = false;
  ASSERT_TRUE(Run().ok()) << Run();
  EXPECT_NE(log_.str().find("note: node 'top' (TopKV2, sorted=false)"), std::string::npos)
      << log_.str();
  // Not for our runtime, which keeps TensorFlow's order.
  log_.str("");
  fs::remove_all(root_ / "web");
  flags_.op_target = OpTarget::kNative;
  ASSERT_TRUE(Run().ok()) << Run();
  EXPECT_EQ(log_.str().find("TopKV2"), std::string::npos) << log_.str();
}

TEST_F(RunConverterTest, FrozenGraphWithoutSinkTensorsNeedsOutputNames) {
  flags_.input_path = WriteGraph("consts_only.pbtxt", R"pb(
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
  )pb");
  flags_.output_node_names.clear();
  const absl::Status status = Run();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("name its outputs with --output_node_names"), std::string::npos)
      << status;
  EXPECT_FALSE(fs::exists(root_ / "web"));
}

TEST_F(RunConverterTest, SavedModelRecordsTheTensorflowVersionThatWroteIt) {
  const fs::path saved_model = root_ / "saved_model";
  fs::create_directories(saved_model);
  std::ofstream(saved_model / "saved_model.pbtxt") << R"pb(
    saved_model_schema_version: 1
    meta_graphs {
      meta_info_def { tags: "train" tensorflow_version: "1.15.0" }
    }
    meta_graphs {
      meta_info_def { tags: "serve" tensorflow_version: "2.15.0" }
      graph_def {
        node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
        node { name: "y" op: "Neg" input: "x" attr { key: "T" value { type: DT_FLOAT } } }
      }
      signature_def {
        key: "serving_default"
        value {
          inputs { key: "in" value { name: "x:0" dtype: DT_FLOAT } }
          outputs { key: "out" value { name: "y:0" dtype: DT_FLOAT } }
          method_name: "tensorflow/serving/predict"
        }
      }
    }
  )pb";
  flags_.input_format = "tf_saved_model";
  flags_.input_path = saved_model.string();
  flags_.output_node_names.clear();
  ASSERT_TRUE(Run().ok()) << Run();
  const std::string json = ReadFile(root_ / "web" / "model.json");
  EXPECT_NE(json.find(R"({"format": "graph-model", "generatedBy": "2.15.0", )"), std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("signature": {"inputs": {"in": {"name": "x:0", "dtype": "DT_FLOAT"}}, )"
                      R"("outputs": {"out": {"name": "y:0", "dtype": "DT_FLOAT"}}})"),
            std::string::npos)
      << json;
}

TEST_F(RunConverterTest, SessionBundleDirectoryIsRefused) {
  const fs::path bundle = root_ / "bundle";
  fs::create_directories(bundle);
  std::ofstream(bundle / "export.meta") << "x";
  flags_.input_format = "tf_saved_model";
  flags_.input_path = bundle.string();
  flags_.output_node_names.clear();
  absl::Status status = Run();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("session bundle"), std::string::npos) << status;
  EXPECT_FALSE(fs::exists(root_ / "web"));
}

}  // namespace
}  // namespace tfjs::converter
