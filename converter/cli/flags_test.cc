#include "converter/cli/flags.h"

#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

absl::StatusOr<ConverterFlags> Parse(std::vector<std::string> args) {
  return ParseConverterFlags(args);
}

TEST(ConverterFlagsTest, DefaultsMatchTensorflowjsConverter) {
  absl::StatusOr<ConverterFlags> flags = Parse({"in", "out"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_EQ(flags->input_path, "in");
  EXPECT_EQ(flags->output_path, "out");
  EXPECT_EQ(flags->input_format, "tf_saved_model");
  EXPECT_EQ(flags->output_format, "");
  EXPECT_EQ(flags->saved_model_tags, "serve");
  EXPECT_EQ(flags->signature_name, "");
  EXPECT_FALSE(flags->weight_shard_size_bytes.has_value());
  EXPECT_TRUE(flags->strip_debug_ops);
  EXPECT_FALSE(flags->skip_op_check);
  EXPECT_FALSE(flags->control_flow_v2);
  EXPECT_FALSE(flags->quantize_float16.has_value());
  EXPECT_FALSE(flags->quantize_uint8.has_value());
  EXPECT_FALSE(flags->quantize_uint16.has_value());
  EXPECT_FALSE(flags->show_version);
  EXPECT_EQ(flags->op_target, OpTarget::kTfjs);
  EXPECT_TRUE(flags->tfjs_rewrites);
}

TEST(ConverterFlagsTest, ValuesWithEqualsOrAsNextArgument) {
  absl::StatusOr<ConverterFlags> flags =
      Parse({"--input_format=tf_frozen_model", "--output_node_names", "a,b:1", "model.pb",
             "--weight_shard_size_bytes", "1024", "--metadata=k:m.json", "web",
             "--op_target=native", "--saved_model_tags=serve,gpu", "--signature_name", "sig"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_EQ(flags->input_format, "tf_frozen_model");
  EXPECT_EQ(flags->output_node_names, "a,b:1");
  EXPECT_EQ(flags->input_path, "model.pb");
  EXPECT_EQ(flags->output_path, "web");
  EXPECT_EQ(flags->weight_shard_size_bytes, 1024);
  EXPECT_EQ(flags->metadata, "k:m.json");
  EXPECT_EQ(flags->op_target, OpTarget::kNative);
  EXPECT_EQ(flags->saved_model_tags, "serve,gpu");
  EXPECT_EQ(flags->signature_name, "sig");
}

TEST(ConverterFlagsTest, BooleansBareOrWithValue) {
  absl::StatusOr<ConverterFlags> flags = Parse({"--skip_op_check", "--strip_debug_ops=false",
                                                "--control_flow_v2", "1", "--experiments=0",
                                                "--use_structured_outputs_names", "True", "in"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_TRUE(flags->skip_op_check);
  EXPECT_FALSE(flags->strip_debug_ops);
  EXPECT_TRUE(flags->control_flow_v2);
  EXPECT_FALSE(flags->experiments);
  EXPECT_TRUE(flags->use_structured_outputs_names);
  EXPECT_EQ(flags->input_path, "in");

  // A bare boolean followed by a path leaves the path positional.
  flags = Parse({"--skip_op_check", "in", "out"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_TRUE(flags->skip_op_check);
  EXPECT_EQ(flags->input_path, "in");
  EXPECT_EQ(flags->output_path, "out");
}

TEST(ConverterFlagsTest, BadBooleanValueIsAnError) {
  absl::StatusOr<ConverterFlags> flags = Parse({"--strip_debug_ops=yes", "in", "out"});
  ASSERT_FALSE(flags.ok());
  EXPECT_NE(flags.status().message().find("strip_debug_ops"), std::string::npos);
  EXPECT_FALSE(Parse({"--skip_op_check=", "in", "out"}).ok());
}

TEST(ConverterFlagsTest, QuantizeFlagsBareOrWithPatterns) {
  absl::StatusOr<ConverterFlags> flags =
      Parse({"--quantize_uint8", "--quantize_float16=conv/*,dense/kernel", "--", "in", "out"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  ASSERT_TRUE(flags->quantize_uint8.has_value());
  EXPECT_EQ(*flags->quantize_uint8, "");
  EXPECT_EQ(flags->quantize_float16, "conv/*,dense/kernel");
  EXPECT_FALSE(flags->quantize_uint16.has_value());
  EXPECT_EQ(flags->input_path, "in");

  // As argparse's nargs='?', a following non-flag argument is the value.
  flags = Parse({"--quantize_uint16", "w/*", "in", "out"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_EQ(flags->quantize_uint16, "w/*");
  EXPECT_EQ(flags->output_path, "out");
}

TEST(ConverterFlagsTest, VersionAndHelpShortForms) {
  absl::StatusOr<ConverterFlags> flags = Parse({"-v"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_TRUE(flags->show_version);
  flags = Parse({"-h"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_TRUE(flags->show_help);
}

TEST(ConverterFlagsTest, RejectsBadCommandLines) {
  const std::vector<std::vector<std::string>> bad = {
      {"--no_such_flag", "in", "out"},
      {"--input_format=onnx", "in", "out"},
      {"--output_format=tflite", "in", "out"},
      {"--weight_shard_size_bytes=0", "in", "out"},
      {"--weight_shard_size_bytes=4MB", "in", "out"},
      {"--quantization_bytes=3", "in", "out"},
      {"--op_target=gpu", "in", "out"},
      {"in", "out", "extra"},
      {"in", "out", "--signature_name"},
      {"--signature_name", "--skip_op_check", "in", "out"},
      {"-x", "in", "out"},
  };
  for (const auto& args : bad) {
    EXPECT_FALSE(Parse(args).ok()) << args[0] << " " << args.back();
  }
}

TEST(ConverterFlagsTest, UsageDocumentsEveryFlag) {
  const std::string usage = ConverterUsage();
  for (const char* flag :
       {"--input_format", "--output_format", "--signature_name", "--saved_model_tags",
        "--output_node_names", "--weight_shard_size_bytes", "--metadata", "--skip_op_check",
        "--strip_debug_ops", "--control_flow_v2", "--quantize_float16", "--quantize_uint8",
        "--quantize_uint16", "--quantization_bytes", "--split_weights_by_layer",
        "--use_structured_outputs_names", "--experiments", "--op_target", "--tfjs_rewrites",
        "--version",
        "--help"}) {
    EXPECT_NE(usage.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace tfjs::converter
