#include "ops/output_arg_index.h"

#include "gtest/gtest.h"

namespace tfjs::ops {
namespace {

tensorflow::NodeDef Node(const char* op) {
  tensorflow::NodeDef node;
  node.set_name("n");
  node.set_op(op);
  return node;
}

TEST(FlatOutputIndexTest, SingleOutputArgOpsKeepTheIndex) {
  tensorflow::NodeDef split = Node("Split");
  (*split.mutable_attr())["num_split"].set_i(3);
  EXPECT_EQ(*FlatOutputIndex(split, nullptr, "output", 2), 2);
  EXPECT_FALSE(FlatOutputIndex(split, nullptr, "output", 3).ok());
  EXPECT_EQ(*FlatOutputIndex(Node("Relu"), nullptr, "activations", 0), 0);
  // An op the table lacks keeps the index too.
  EXPECT_EQ(*FlatOutputIndex(Node("NotAnOp"), nullptr, "y", 1), 1);
}

TEST(FlatOutputIndexTest, MultiOutputOpsFromTable) {
  EXPECT_EQ(*FlatOutputIndex(Node("FusedBatchNormV3"), nullptr, "batch_variance", 0), 2);
  EXPECT_EQ(*FlatOutputIndex(Node("Switch"), nullptr, "output_true", 0), 1);
  EXPECT_EQ(*FlatOutputIndex(Node("TopKV2"), nullptr, "indices", 0), 1);
  EXPECT_EQ(*FlatOutputIndex(Node("BlockLSTM"), nullptr, "h", 0), 6);
  EXPECT_EQ(*FlatOutputIndex(Node("SoftmaxCrossEntropyWithLogits"), nullptr, "backprop", 0), 1);
  EXPECT_FALSE(FlatOutputIndex(Node("Unique"), nullptr, "nothing", 0).ok());
  // Ops the old hand-written list lacked: every multi-output op of TF's registry has its layout.
  EXPECT_EQ(*FlatOutputIndex(Node("CTCGreedyDecoder"), nullptr, "log_probability", 0), 3);
  EXPECT_EQ(*FlatOutputIndex(Node("UniqueWithCounts"), nullptr, "count", 0), 2);
}

TEST(FlatOutputIndexTest, ListArgsTakeTheirLengthFromAttrs) {
  tensorflow::NodeDef parse = Node("ParseExample");
  (*parse.mutable_attr())["Nsparse"].set_i(2);
  auto* sparse_types = (*parse.mutable_attr())["sparse_types"].mutable_list();
  sparse_types->add_type(tensorflow::DT_INT64);
  sparse_types->add_type(tensorflow::DT_FLOAT);
  (*parse.mutable_attr())["Tdense"].mutable_list()->add_type(tensorflow::DT_FLOAT);
  // sparse_indices x2, sparse_values x2, sparse_shapes x2, dense_values x1.
  EXPECT_EQ(*FlatOutputIndex(parse, nullptr, "sparse_shapes", 1), 5);
  EXPECT_EQ(*FlatOutputIndex(parse, nullptr, "dense_values", 0), 6);
  EXPECT_FALSE(FlatOutputIndex(parse, nullptr, "dense_values", 1).ok());

  parse.mutable_attr()->erase("Nsparse");
  absl::StatusOr<int> missing = FlatOutputIndex(parse, nullptr, "dense_values", 0);
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("Nsparse"), std::string::npos);
}

TEST(NumOutputsTest, SumsTheOutputArgs) {
  EXPECT_EQ(*NumOutputs(Node("Relu")), 1);
  EXPECT_EQ(*NumOutputs(Node("NoOp")), 0);
  EXPECT_EQ(*NumOutputs(Node("FusedBatchNormV3")), 6);
  EXPECT_EQ(*NumOutputs(Node("NotAnOp")), 1);
  tensorflow::NodeDef identity_n = Node("IdentityN");
  auto* types = (*identity_n.mutable_attr())["T"].mutable_list();
  types->add_type(tensorflow::DT_FLOAT);
  types->add_type(tensorflow::DT_INT32);
  types->add_type(tensorflow::DT_BOOL);
  EXPECT_EQ(*NumOutputs(identity_n), 3);
  tensorflow::NodeDef split = Node("Split");
  EXPECT_FALSE(NumOutputs(split).ok());
  (*split.mutable_attr())["num_split"].set_i(4);
  EXPECT_EQ(*NumOutputs(split), 4);
}

TEST(FlatOutputIndexTest, FunctionSignatureGivesTheLayout) {
  tensorflow::OpDef signature;
  signature.add_output_arg()->set_name("first");
  signature.add_output_arg()->set_name("second");
  EXPECT_EQ(*FlatOutputIndex(Node("my_function"), &signature, "second", 0), 1);
}

TEST(ResolveBodyOutputTest, BodyOutputsByNodeAndByCalledFunction) {
  tensorflow::FunctionDefLibrary library;
  tensorflow::OpDef& callee = *library.add_function()->mutable_signature();
  callee.set_name("two_outputs");
  callee.add_output_arg()->set_name("first");
  callee.add_output_arg()->set_name("second");
  const tensorflow::NodeDef top_k = Node("TopKV2");
  tensorflow::NodeDef call = Node("two_outputs");
  call.set_name("call");
  const absl::flat_hash_map<std::string, const tensorflow::NodeDef*> nodes = {{"n", &top_k},
                                                                              {"call", &call}};

  absl::StatusOr<BodyNodeOutput> output = ResolveBodyOutput("n:indices:0", nodes, library);
  ASSERT_TRUE(output.ok()) << output.status();
  EXPECT_EQ(output->node, "n");
  EXPECT_EQ(output->index, 1);
  output = ResolveBodyOutput("call:second:0", nodes, library);
  ASSERT_TRUE(output.ok()) << output.status();
  EXPECT_EQ(output->index, 1);

  EXPECT_EQ(ResolveBodyOutput("n:indices", nodes, library).status().message(),
            "malformed body input 'n:indices'");
  EXPECT_EQ(ResolveBodyOutput("n:indices:x", nodes, library).status().message(),
            "malformed body input 'n:indices:x'");
  EXPECT_EQ(ResolveBodyOutput("m:output:0", nodes, library).status().message(),
            "body input 'm:output:0' names no node of the body");
  EXPECT_FALSE(ResolveBodyOutput("call:third:0", nodes, library).ok());
  EXPECT_EQ(FindLibraryFunction(library, "two_outputs"), &library.function(0));
  EXPECT_EQ(FindLibraryFunction(library, "other"), nullptr);
}

}  // namespace
}  // namespace tfjs::ops
