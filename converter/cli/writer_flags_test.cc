#include "converter/cli/writer_flags.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "converter/cli/convert.h"
#include "gtest/gtest.h"
#include "io/weights_manifest.h"
#include "tools/testing/test_files.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

using ::tfjs::test_files::ReadFile;

absl::StatusOr<ConverterFlags> Parse(std::vector<std::string> args) {
  return ParseConverterFlags(args);
}

TEST(QuantizationRequestsTest, FromTheCommandLine) {
  absl::StatusOr<ConverterFlags> flags =
      Parse({"--quantize_uint16", "--quantize_float16=conv/*,,dense/[ab]", "in", "out"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  const std::vector<QuantizationRequest> requests = QuantizationRequests(*flags);
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].dtype, io::QuantizedDType::kFloat16);
  EXPECT_EQ(requests[0].flag, "--quantize_float16");
  EXPECT_EQ(requests[0].patterns,
            (std::vector<std::string>{"conv/*", "", "dense/[ab]"}));  // As Python's split(',').
  EXPECT_EQ(requests[1].dtype, io::QuantizedDType::kUint16);
  EXPECT_FALSE(requests[1].patterns.has_value());
}

TEST(QuantizationRequestsTest, QuantizationBytesIsABareRequest) {
  absl::StatusOr<ConverterFlags> flags = Parse({"--quantization_bytes", "1", "in", "out"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  const std::vector<QuantizationRequest> requests = QuantizationRequests(*flags);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].dtype, io::QuantizedDType::kUint8);
  EXPECT_FALSE(requests[0].patterns.has_value());
}

TEST(ApplyWriterFlagsTest, SetsWriterOptions) {
  absl::StatusOr<ConverterFlags> flags =
      Parse({"--split_weights_by_layer", "--verbose", "--use_structured_outputs_names=true",
             "--weight_shard_size_bytes=100", "--quantize_uint8", "in", "out"});
  ASSERT_TRUE(flags.ok()) << flags.status();
  EXPECT_TRUE(flags->verbose);
  ModelWriterOptions options;
  std::ostringstream log;
  ApplyWriterFlags(*flags, log, &options);
  EXPECT_TRUE(options.split_weights_by_layer);
  EXPECT_TRUE(options.verbose);
  EXPECT_TRUE(options.use_structured_outputs_names);
  EXPECT_EQ(options.weight_shard_size_bytes, 100);
  ASSERT_EQ(options.quantization.size(), 1u);
  EXPECT_EQ(log.str(), "");

  // tensorflowjs_converter only names structured outputs of SavedModels.
  flags->input_format = "tf_frozen_model";
  options = ModelWriterOptions();
  ApplyWriterFlags(*flags, log, &options);
  EXPECT_FALSE(options.use_structured_outputs_names);
  EXPECT_NE(log.str().find("--use_structured_outputs_names applies to tf_saved_model"),
            std::string::npos);
}

// Conversions through the command line: quantization reaches the files, and converting twice
// gives the same bytes.
class QuantizedConversionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(std::getenv("TEST_TMPDIR")) /
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(root_);
    fs::create_directories(root_);
    std::ofstream(root_ / "model.pbtxt") << R"pb(
      node { name: "x" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }
      node { name: "w" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } } attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 3 } } float_val: -1 float_val: 0 float_val: 2 } } } }
      node { name: "b" op: "Const" attr { key: "dtype" value { type: DT_FLOAT } } attr { key: "value" value { tensor { dtype: DT_FLOAT tensor_shape { dim { size: 3 } } float_val: 0.5 float_val: 0.25 float_val: 4 } } } }
      node { name: "m" op: "Mul" input: "x" input: "w" attr { key: "T" value { type: DT_FLOAT } } }
      node { name: "y" op: "AddV2" input: "m" input: "b" attr { key: "T" value { type: DT_FLOAT } } }
    )pb";
  }

  absl::Status Convert(std::vector<std::string> args, const std::string& output) {
    args.insert(args.end(), {"--input_format=tf_frozen_model", "--output_node_names=y",
                             (root_ / "model.pbtxt").string(), (root_ / output).string()});
    absl::StatusOr<ConverterFlags> flags = ParseConverterFlags(args);
    if (!flags.ok()) return flags.status();
    return RunConverter(*flags, log_);
  }

  fs::path root_;
  std::ostringstream log_;
};

TEST_F(QuantizedConversionTest, QuantizeFlagsReachTheWeightFiles) {
  ASSERT_TRUE(Convert({"--quantize_uint8=w", "--quantize_float16"}, "web").ok());
  const std::string json = ReadFile(root_ / "web" / "model.json");
  EXPECT_NE(json.find(R"({"name": "w", "shape": [3], "dtype": "float32", "quantization": )"
                      R"({"dtype": "uint8", "min": -1.0, "scale": 0.011764705882352941, )"
                      R"("original_dtype": "float32"}})"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"({"name": "b", "shape": [3], "dtype": "float32", "quantization": )"
                      R"({"dtype": "float16", "original_dtype": "float32"}})"),
            std::string::npos)
      << json;
  EXPECT_EQ(ReadFile(root_ / "web" / "group1-shard1of1.bin").size(), 3u + 6u);
}

TEST_F(QuantizedConversionTest, OverlappingFlagsNameTheWeightAndFlags) {
  absl::Status status = Convert({"--quantize_uint8=w", "--quantize_uint16=*"}, "web");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("weight 'w' is selected by both --quantize_uint8 and "
                                  "--quantize_uint16"),
            std::string::npos)
      << status;
  EXPECT_FALSE(fs::exists(root_ / "web"));
}

TEST_F(QuantizedConversionTest, ConvertingTwiceGivesIdenticalFiles) {
  const std::vector<std::string> flags = {"--quantize_uint16=b", "--quantize_uint8",
                                          "--split_weights_by_layer", "--weight_shard_size_bytes=2"};
  ASSERT_TRUE(Convert(flags, "one").ok());
  ASSERT_TRUE(Convert(flags, "two").ok());
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(root_ / "one")) {
    names.push_back(entry.path().filename());
  }
  EXPECT_EQ(names.size(), 1u + 2u + 3u);  // model.json; w: 3 bytes; b: 6 bytes.
  for (const std::string& name : names) {
    ASSERT_TRUE(fs::exists(root_ / "two" / name)) << name;
    EXPECT_EQ(ReadFile(root_ / "one" / name), ReadFile(root_ / "two" / name)) << name;
  }
}

}  // namespace
}  // namespace tfjs::converter
