#include "converter/op_check.h"

#include <algorithm>
#include <sstream>
#include <string>

#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"
#include "ops/op_table.h"
#include "runtime/kernel.h"

namespace tfjs::converter {
namespace {

tensorflow::GraphDef Graph(const std::string& text) {
  tensorflow::GraphDef graph;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &graph)) << text;
  return graph;
}

TEST(OpCheckTest, SupportedGraphPasses) {
  const tensorflow::GraphDef graph = Graph(R"pb(
    node { name: "x" op: "Placeholder" }
    node { name: "w" op: "Const" }
    node { name: "y" op: "MatMul" input: "x" input: "w" }
    library {
      function {
        signature { name: "f" }
        node_def { name: "i" op: "Identity" }
      }
    }
  )pb");
  EXPECT_TRUE(CheckOpsSupported(graph, OpTarget::kTfjs).ok());
  EXPECT_TRUE(CheckOpsSupported(graph, OpTarget::kNative).ok());
}

TEST(OpCheckTest, ListsEveryUnsupportedOpWithAllItsNodes) {
  const tensorflow::GraphDef graph = Graph(R"pb(
    node { name: "x" op: "Placeholder" }
    node { name: "a1" op: "MadeUpOpB" input: "x" }
    node { name: "b" op: "MadeUpOpA" input: "a1" }
    node { name: "a2" op: "MadeUpOpB" input: "b" }
    library {
      function {
        signature { name: "body" }
        node_def { name: "inner" op: "MadeUpOpB" }
        node_def { name: "ok" op: "Identity" }
      }
    }
  )pb");
  for (OpTarget target : {OpTarget::kTfjs, OpTarget::kNative}) {
    absl::Status status = CheckOpsSupported(graph, target);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    const std::string message(status.message());
    EXPECT_NE(message.find("2 ops are not supported"), std::string::npos) << message;
    EXPECT_NE(message.find("MadeUpOpA (node b); MadeUpOpB (nodes a1, a2, body/inner)"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find(absl::StrCat("--op_target=", OpTargetName(target))), std::string::npos)
        << message;
    EXPECT_EQ(message.find("Identity"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(OpCheckTest, NativeTargetAcceptsOpsWithKernelsTfjsTargetTfjsOps) {
  int native = 0;
  for (const ops::OpDef& op : ops::AllOps()) {
    tensorflow::GraphDef graph;
    graph.add_node()->set_op(op.tf_name);
    graph.mutable_node(0)->set_name("n");
    const bool has_kernel =
        runtime::FindKernel(op.tf_name) != nullptr || IsGraphStructure(op.tf_name);
    native += has_kernel ? 1 : 0;
    EXPECT_EQ(CheckOpsSupported(graph, OpTarget::kNative).ok(), has_kernel) << op.tf_name;
    EXPECT_EQ(CheckOpsSupported(graph, OpTarget::kTfjs).ok(), op.tfjs_supported) << op.tf_name;
  }
  EXPECT_GT(native, 300);
}

TEST(OpCheckTest, NativeTargetNamesDtypesTheKernelLacks) {
  tensorflow::GraphDef graph;
  for (const char* name : {"a", "b"}) {
    tensorflow::NodeDef* node = graph.add_node();
    node->set_name(name);
    node->set_op("Exp");
    (*node->mutable_attr())["T"].set_type(tensorflow::DT_INT32);  // Exp is float-only
  }
  tensorflow::NodeDef* fine = graph.add_node();
  fine->set_name("c");
  fine->set_op("Exp");
  (*fine->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
  const absl::Status status = CheckOpsSupported(graph, OpTarget::kNative);
  ASSERT_FALSE(status.ok());
  const std::string message(status.message());
  EXPECT_NE(message.find("1 op is not supported"), std::string::npos) << message;
  EXPECT_NE(message.find("Exp with attr T=int32 is not supported"), std::string::npos) << message;
  EXPECT_NE(message.find("(nodes a, b)"), std::string::npos) << message;
  EXPECT_EQ(message.find("c)"), std::string::npos) << message;
  // TF.js's check is by op only.
  EXPECT_TRUE(CheckOpsSupported(graph, OpTarget::kTfjs).ok());
}

TEST(OpCheckTest, TfjsTargetRefusesDtypesTfjsLacks) {
  // An int4 Placeholder feeding Fill: TF.js has no 4-bit tensors and no rewrite widens them.
  const tensorflow::GraphDef graph = Graph(R"pb(
    node { name: "dims" op: "Const" attr { key: "dtype" value { type: DT_INT32 } } }
    node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_INT4 } } }
    node {
      name: "f"
      op: "Fill"
      input: "dims"
      input: "x"
      attr { key: "T" value { type: DT_INT4 } }
      attr { key: "index_type" value { type: DT_INT32 } }
    }
    node {
      name: "d"
      op: "Cast"
      input: "dims"
      attr { key: "SrcT" value { type: DT_INT32 } }
      attr { key: "DstT" value { type: DT_DOUBLE } }
    }
  )pb");
  absl::Status status = CheckOpsSupported(graph, OpTarget::kTfjs);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find(
                "1 dtype is not supported by TF.js 4.22 (--op_target=tfjs): dtype int4 (TF.js "
                "4.22 has no 4-bit integer tensors) (nodes x, f)"),
            std::string::npos)
      << status.message();
  EXPECT_TRUE(CheckOpsSupported(graph, OpTarget::kNative).ok());
}

TEST(OpCheckTest, NotesWhatTfjsComputesWrongOrRefuses) {
  // FloorDiv of floats gives int32 in TF.js 4.22; Mean of int32 gives float32; GatherV2 of
  // strings is refused; Merge has no output 1 (noted where it is read); Mean of float32 is right
  // (converter/tfjs_op_support.txt).
  const tensorflow::GraphDef graph = Graph(R"pb(
    node { name: "a" op: "FloorDiv" attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "b" op: "Mean" attr { key: "T" value { type: DT_INT32 } } }
    node { name: "c" op: "Mean" attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "d" op: "Mean" attr { key: "T" value { type: DT_INT32 } } }
    node { name: "m" op: "Merge" attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "n" op: "Merge" attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "mi" op: "Identity" input: "m:0" input: "n:1" }
    library {
      function {
        signature { name: "g" }
        node_def {
          name: "s"
          op: "GatherV2"
          attr { key: "Tparams" value { type: DT_STRING } }
          attr { key: "Tindices" value { type: DT_INT32 } }
        }
      }
    }
  )pb");
  std::ostringstream log;
  NoteTfjsOpSupport(graph, log);
  const std::string notes = log.str();
  EXPECT_NE(notes.find("note: TF.js 4.22 computes FloorDiv with T=float32 wrong on an op example "
                       "(output 0 is int32, TensorFlow gives DT_FLOAT"),
            std::string::npos)
      << notes;
  EXPECT_NE(notes.find("converter/tfjs_op_support.txt): node a\n"), std::string::npos) << notes;
  EXPECT_NE(notes.find("Mean with T=int32 wrong"), std::string::npos) << notes;
  EXPECT_NE(notes.find("): nodes b, d\n"), std::string::npos) << notes;
  EXPECT_NE(notes.find("note: TF.js 4.22 refuses GatherV2 with Tparams=string on an op example"),
            std::string::npos)
      << notes;
  EXPECT_NE(notes.find("): node g/s\n"), std::string::npos) << notes;
  EXPECT_NE(
      notes.find("note: TF.js 4.22 refuses Merge with T=float32 on an op example (output 1: "),
      std::string::npos)
      << notes;
  EXPECT_NE(notes.find("): node n\n"), std::string::npos) << notes;
  EXPECT_EQ(std::count(notes.begin(), notes.end(), '\n'), 4) << notes;
}

TEST(OpCheckTest, ParsesTargets) {
  EXPECT_EQ(*ParseOpTarget("tfjs"), OpTarget::kTfjs);
  EXPECT_EQ(*ParseOpTarget("native"), OpTarget::kNative);
  EXPECT_FALSE(ParseOpTarget("TFJS").ok());
  EXPECT_FALSE(ParseOpTarget("").ok());
}

}  // namespace
}  // namespace tfjs::converter
