// Tests for the op table: its order, lookups, row shapes, the rows of TF's registry and the rows
// taken from TF.js 4.22.
#include "ops/op_table.h"

#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tfjs::ops {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;

bool IsHostValue(ParamType type) {
  return type == ParamType::kNumber || type == ParamType::kNumbers || type == ParamType::kShape ||
         type == ParamType::kBools;
}

TEST(OpTableTest, SortedAndUnique) {
  absl::Span<const OpDef> ops = AllOps();
  ASSERT_FALSE(ops.empty());
  for (size_t i = 1; i < ops.size(); ++i) {
    EXPECT_LT(ops[i - 1].tf_name, ops[i].tf_name) << "at row " << i;
  }
}

TEST(OpTableTest, FindOpHitsEveryRow) {
  for (const OpDef& op : AllOps()) {
    const OpDef* found = FindOp(op.tf_name);
    ASSERT_NE(found, nullptr) << op.tf_name;
    EXPECT_EQ(found, &op) << op.tf_name;
  }
}

TEST(OpTableTest, FindOpMisses) {
  EXPECT_EQ(FindOp(""), nullptr);
  EXPECT_EQ(FindOp("conv2d"), nullptr);  // names are case-sensitive
  EXPECT_EQ(FindOp("Conv2D "), nullptr);
  EXPECT_EQ(FindOp("Conv2"), nullptr);  // a prefix of a row is not a row
  EXPECT_EQ(FindOp("NoSuchOp"), nullptr);
  EXPECT_EQ(FindOp("~"), nullptr);  // sorts after every row
  EXPECT_EQ(FindOp("0"), nullptr);  // sorts before every row
}

TEST(OpTableTest, RowsAreWellFormed) {
  for (const OpDef& op : AllOps()) {
    SCOPED_TRACE(op.tf_name);
    EXPECT_THAT(op.tf_name, Not(IsEmpty()));
    EXPECT_EQ(op.category.empty(), !op.tfjs_supported);
    EXPECT_EQ(op.scope.empty(), !op.in_tf_registry);
    EXPECT_TRUE(op.in_tf_registry || op.tfjs_supported) << "a row comes from TF or TF.js";

    std::set<std::string> input_names;
    std::set<int> single_positions;
    int runs = 0;
    for (const InputDef& input : op.inputs) {
      SCOPED_TRACE(input.name);
      EXPECT_THAT(input.name, Not(IsEmpty()));
      EXPECT_TRUE(input_names.insert(input.name).second) << "duplicate input name";
      if (input.type == ParamType::kTensors) {
        ++runs;
        EXPECT_GE(input.start, 0);
        EXPECT_TRUE(input.end == InputDef::kSingle || input.end == InputDef::kToEnd ||
                    input.end < 0 || input.end > input.start);
        EXPECT_FALSE(input.has_default);
      } else {
        EXPECT_TRUE(input.type == ParamType::kTensor || IsHostValue(input.type))
            << "inputs are tensors or host values";
        EXPECT_EQ(input.end, InputDef::kSingle);
        EXPECT_TRUE(single_positions.insert(input.start).second) << "two inputs at one position";
      }
      if (!input.has_default) EXPECT_THAT(input.default_value, IsEmpty());
    }
    EXPECT_LE(runs, 1) << "at most one variadic run per op";

    std::set<std::string> attr_names;
    for (const AttrDef& attr : op.attrs) {
      SCOPED_TRACE(attr.tf_name);
      EXPECT_THAT(attr.tf_name, Not(IsEmpty()));
      EXPECT_TRUE(!attr.tf_type.empty() || !attr.tfjs_name.empty())
          << "an attr comes from TF or TF.js";
      if (!op.tfjs_supported) EXPECT_THAT(attr.tfjs_name, IsEmpty());
      EXPECT_TRUE(attr_names.insert(attr.tf_name).second) << "duplicate attr";
      EXPECT_NE(attr.type, ParamType::kTensors);
      if (attr.type == ParamType::kTensor) EXPECT_EQ(attr.tf_type, "tensor");
      if (!attr.has_default) EXPECT_THAT(attr.default_value, IsEmpty());
    }
  }
}

TEST(OpTableTest, TfjsRowCountMatchesGeneratorCount) {
  int tfjs_rows = 0;
  for (const OpDef& op : AllOps()) tfjs_rows += op.tfjs_supported ? 1 : 0;
  // The generator read 242 ops from tfjs-converter 4.22.0's op lists and recorded the count.
  EXPECT_EQ(TfjsOpListCount(), 242);
  EXPECT_EQ(tfjs_rows, TfjsOpListCount());
}

TEST(OpTableTest, Conv2DHasTfjsAttrsAndDefaults) {
  const OpDef* conv = FindOp("Conv2D");
  ASSERT_NE(conv, nullptr);
  EXPECT_TRUE(conv->tfjs_supported);
  EXPECT_EQ(conv->category, "convolution");
  ASSERT_EQ(conv->inputs.size(), 2);
  EXPECT_EQ(conv->inputs[0].name, "x");
  EXPECT_EQ(conv->inputs[0].start, 0);
  EXPECT_EQ(conv->inputs[1].name, "filter");
  EXPECT_EQ(conv->inputs[1].start, 1);

  const AttrDef* strides = FindAttr(*conv, "strides");
  ASSERT_NE(strides, nullptr);
  EXPECT_EQ(strides->type, ParamType::kNumbers);
  EXPECT_FALSE(strides->has_default);

  const AttrDef* padding = FindAttr(*conv, "padding");
  ASSERT_NE(padding, nullptr);
  EXPECT_EQ(padding->type, ParamType::kString);
  EXPECT_EQ(padding->tfjs_name, "pad");
  EXPECT_FALSE(padding->has_default);

  const AttrDef* data_format = FindAttr(*conv, "data_format");
  ASSERT_NE(data_format, nullptr);
  EXPECT_EQ(data_format->type, ParamType::kString);
  EXPECT_TRUE(data_format->has_default);
  EXPECT_EQ(data_format->default_value, "NHWC");

  // TF's default, which TF.js's op list lacks.
  const AttrDef* dilations = FindAttr(*conv, "dilations");
  ASSERT_NE(dilations, nullptr);
  EXPECT_EQ(dilations->type, ParamType::kNumbers);
  EXPECT_TRUE(dilations->has_default);
  EXPECT_EQ(dilations->default_value, "[1,1,1,1]");

  const AttrDef* explicit_paddings = FindAttr(*conv, "explicit_paddings");
  ASSERT_NE(explicit_paddings, nullptr);
  EXPECT_EQ(explicit_paddings->default_value, "[]");

  const AttrDef* dtype = FindAttr(*conv, "T");
  ASSERT_NE(dtype, nullptr);
  EXPECT_TRUE(dtype->tfjs_ignored);
}

TEST(OpTableTest, FusedOpsArePresentWithTheirArgsRun) {
  for (absl::string_view name : {"_FusedConv2D", "FusedDepthwiseConv2dNative", "_FusedMatMul"}) {
    SCOPED_TRACE(name);
    const OpDef* op = FindOp(name);
    ASSERT_NE(op, nullptr);
    EXPECT_TRUE(op->tfjs_supported);
    ASSERT_EQ(op->inputs.size(), 3);
    EXPECT_EQ(op->inputs[2].name, "args");
    EXPECT_EQ(op->inputs[2].type, ParamType::kTensors);
    EXPECT_EQ(op->inputs[2].start, 2);
    EXPECT_EQ(op->inputs[2].end, InputDef::kToEnd);
    const AttrDef* fused_ops = FindAttr(*op, "fused_ops");
    ASSERT_NE(fused_ops, nullptr);
    EXPECT_EQ(fused_ops->type, ParamType::kStrings);
    EXPECT_EQ(fused_ops->default_value, "[]");
  }
  const AttrDef* dilations = FindAttr(*FindOp("_FusedConv2D"), "dilations");
  ASSERT_NE(dilations, nullptr);
  EXPECT_EQ(dilations->default_value, "[1,1,1,1]");
  const AttrDef* epsilon = FindAttr(*FindOp("_FusedMatMul"), "epsilon");
  ASSERT_NE(epsilon, nullptr);
  EXPECT_EQ(epsilon->type, ParamType::kNumber);
  EXPECT_EQ(epsilon->default_value, "0.0001");
}

TEST(OpTableTest, RenamedAttrAndNamedOutputs) {
  const AttrDef* axis = FindAttr(*FindOp("Squeeze"), "axis");
  ASSERT_NE(axis, nullptr);
  EXPECT_EQ(axis->tf_deprecated_name, "squeeze_dims");
  EXPECT_THAT(FindOp("StringNGrams")->outputs, ::testing::ElementsAre("ngrams", "ngrams_splits"));
  EXPECT_THAT(FindOp("Conv2D")->outputs, IsEmpty());
}

TEST(OpTableTest, EveryOpOfTfsRegistryHasARow) {
  int registry_rows = 0;
  int in_scope = 0;
  for (const OpDef& op : AllOps()) {
    registry_rows += op.in_tf_registry ? 1 : 0;
    in_scope += op.scope == "in" ? 1 : 0;
  }
  // ../shared/tf_ops/ops.pbtxt lists 1,563 ops and ops/gen/tf_ops_supplement.pbtxt the one it
  // lacks (CompareAndBitpack); issue 11's closed list of excluded families leaves 1,028 in scope.
  EXPECT_EQ(registry_rows, 1564);
  EXPECT_EQ(in_scope, 1028);
  EXPECT_EQ(FindOp("ApplyAdam")->scope, "training");
  EXPECT_EQ(FindOp("Conv2DBackpropInput")->scope, "in");  // "Backprop" is not "Grad"
  EXPECT_EQ(FindOp("AvgPoolGrad")->scope, "training");
  EXPECT_EQ(FindOp("TensorDataset")->scope, "input_pipeline");
  EXPECT_EQ(FindOp("ScalarSummary")->scope, "summary_debug");
  EXPECT_EQ(FindOp("XlaHostCompute")->scope, "distribution");
  EXPECT_EQ(FindOp("SaveV2")->scope, "files");
  EXPECT_EQ(FindOp("ExperimentalRebatchDataset")->scope, "input_pipeline");
  EXPECT_EQ(FindOp("ExperimentalThreadPoolHandle")->scope, "experimental");
}

TEST(OpTableTest, TfArgsAttrsAndFlagsComeFromTheRegistry) {
  const OpDef* concat = FindOp("ConcatV2");
  ASSERT_NE(concat, nullptr);
  ASSERT_EQ(concat->input_args.size(), 2);
  EXPECT_EQ(concat->input_args[0].name, "values");
  EXPECT_EQ(concat->input_args[0].number_attr, "N");
  EXPECT_EQ(concat->input_args[0].type_attr, "T");
  EXPECT_EQ(concat->input_args[1].type_attr, "Tidx");
  const AttrDef* n = FindAttr(*concat, "N");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->tf_type, "int");
  EXPECT_TRUE(n->has_minimum);
  EXPECT_EQ(n->minimum, 2);
  const AttrDef* tidx = FindAttr(*concat, "Tidx");
  ASSERT_NE(tidx, nullptr);
  EXPECT_EQ(tidx->default_value, "int32");
  EXPECT_THAT(tidx->allowed_values, ElementsAre("int32", "int64"));

  const OpDef* identity_n = FindOp("IdentityN");
  ASSERT_EQ(identity_n->output_args.size(), 1);
  EXPECT_EQ(identity_n->output_args[0].type_list_attr, "T");
  EXPECT_TRUE(identity_n->forwards_inputs);

  const OpDef* shape = FindOp("Shape");
  EXPECT_EQ(FindAttr(*shape, "out_type")->default_value, "int32");
  EXPECT_EQ(shape->output_args[0].type_attr, "out_type");

  const OpDef* variable = FindOp("VariableV2");
  EXPECT_TRUE(variable->is_stateful);
  EXPECT_TRUE(variable->output_args[0].is_ref);
  EXPECT_EQ(FindOp("Unique")->output_args[1].name, "idx");
  EXPECT_EQ(FindOp("StringLength")->input_args[0].type, "string");

  EXPECT_TRUE(FindOp("RandomUniform")->is_stateful);
  EXPECT_TRUE(FindOp("RandomUniform")->is_random);
  EXPECT_TRUE(FindOp("StatefulUniform")->is_random);
  EXPECT_FALSE(FindOp("StatelessRandomUniform")->is_stateful);
  EXPECT_FALSE(FindOp("Add")->is_random);
  EXPECT_TRUE(FindOp("Merge")->is_control_flow);
  EXPECT_TRUE(FindOp("StatelessWhile")->is_control_flow);
  EXPECT_FALSE(FindOp("Identity")->is_control_flow);
  EXPECT_TRUE(FindOp("PlaceholderWithDefault")->is_graph_input);
  EXPECT_FALSE(FindOp("PlaceholderWithDefault")->forwards_inputs);
  EXPECT_EQ(FindOp("Relu")->shape_rule, ShapeRule::kUnchanged);
  EXPECT_EQ(FindOp("AddV2")->shape_rule, ShapeRule::kBroadcastBinary);
  EXPECT_TRUE(FindOp("AddV2")->is_commutative);
  EXPECT_EQ(FindOp("MatMul")->shape_rule, ShapeRule::kOther);
  EXPECT_EQ(FindOp("BatchMatrixDiag")->deprecated_since, 14);
}

TEST(OpTableTest, TfDefaultsWinOverTfjsDefaults) {
  // A node without the attr means TF's default; TF.js's op lists say 0.001 and NHWC.
  EXPECT_EQ(FindAttr(*FindOp("FusedBatchNormV3"), "epsilon")->default_value, "0.0001");
  EXPECT_EQ(FindAttr(*FindOp("Conv3D"), "data_format")->default_value, "NDHWC");
  EXPECT_EQ(FindAttr(*FindOp("FusedBatchNormV3"), "epsilon")->tfjs_name, "epsilon");
}

TEST(ResolveInputRangeTest, ConcatV2SplitsValuesFromTrailingAxis) {
  const OpDef* concat = FindOp("ConcatV2");
  ASSERT_NE(concat, nullptr);
  ASSERT_EQ(concat->inputs.size(), 2);
  const InputDef& values = concat->inputs[0];
  const InputDef& axis = concat->inputs[1];

  absl::StatusOr<InputRange> values_range = ResolveInputRange(values, 4);
  ASSERT_TRUE(values_range.ok()) << values_range.status();
  EXPECT_EQ(values_range->begin, 0);
  EXPECT_EQ(values_range->end, 3);

  absl::StatusOr<InputRange> axis_range = ResolveInputRange(axis, 4);
  ASSERT_TRUE(axis_range.ok()) << axis_range.status();
  EXPECT_EQ(axis_range->begin, 3);
  EXPECT_EQ(axis_range->end, 4);
}

TEST(ResolveInputRangeTest, RunToEndAndMissingSingleInput) {
  const OpDef* fused = FindOp("_FusedMatMul");
  ASSERT_NE(fused, nullptr);
  absl::StatusOr<InputRange> args = ResolveInputRange(fused->inputs[2], 5);
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(args->begin, 2);
  EXPECT_EQ(args->end, 5);

  absl::StatusOr<InputRange> no_args = ResolveInputRange(fused->inputs[2], 2);
  ASSERT_TRUE(no_args.ok()) << no_args.status();
  EXPECT_EQ(no_args->begin, no_args->end);

  // OneHot's on_value is optional (default 1): a 2-input node resolves it to an empty range.
  const OpDef* one_hot = FindOp("OneHot");
  ASSERT_NE(one_hot, nullptr);
  const InputDef& on_value = one_hot->inputs[2];
  EXPECT_TRUE(on_value.has_default);
  EXPECT_EQ(on_value.default_value, "1");
  absl::StatusOr<InputRange> missing = ResolveInputRange(on_value, 2);
  ASSERT_TRUE(missing.ok()) << missing.status();
  EXPECT_EQ(missing->begin, missing->end);
}

TEST(ResolveInputRangeTest, NegativeStartBeforeFirstInputIsAnError) {
  const InputDef& axis = FindOp("ConcatV2")->inputs[1];
  absl::StatusOr<InputRange> range = ResolveInputRange(axis, 0);
  EXPECT_EQ(range.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(range.status().message()), ::testing::HasSubstr("'axis'"));
}

}  // namespace
}  // namespace tfjs::ops
