#include <cstring>
#include <filesystem>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/tensor.h"
#include "io/test_bytes.h"
#include "tools/dump_weights_lib.h"
#include "tools/dump_weights_npy.h"
#include "tools/testing/test_files.h"

namespace tfjs::tools {
namespace {

using ::testing::HasSubstr;
using io::testing::ByteWriter;
using io::testing::MakeTestDir;
using io::testing::WriteFile;

using ::tfjs::test_files::ReadFile;

// The header dict of an .npy file, checking the preamble and 64-byte alignment.
std::string NpyHeader(const std::string& npy) {
  EXPECT_EQ(npy.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  const size_t length = static_cast<uint8_t>(npy[8]) | static_cast<uint8_t>(npy[9]) << 8;
  EXPECT_EQ((10 + length) % 64, 0u);
  EXPECT_EQ(npy[10 + length - 1], '\n');
  return npy.substr(10, length);
}

std::string NpyData(const std::string& npy) {
  const size_t length = static_cast<uint8_t>(npy[8]) | static_cast<uint8_t>(npy[9]) << 8;
  return npy.substr(10 + length);
}

TEST(EncodeNpyTest, HeadersForEachDtypeAndRank) {
  io::Tensor scalar;
  scalar.dtype = io::DType::kInt32;
  scalar.data = io::testing::ToBuffer(ByteWriter().Add<int32_t>(5).bytes());
  EXPECT_THAT(NpyHeader(EncodeNpy(scalar)),
              HasSubstr("{'descr': '<i4', 'fortran_order': False, 'shape': (), }"));
  io::Tensor vector;
  vector.dtype = io::DType::kBool;
  vector.shape = {3};
  vector.data = io::testing::ToBuffer(ByteWriter().AddAll<uint8_t>({1, 0, 1}).bytes());
  EXPECT_THAT(NpyHeader(EncodeNpy(vector)), HasSubstr("'descr': '|b1'"));
  EXPECT_THAT(NpyHeader(EncodeNpy(vector)), HasSubstr("'shape': (3,)"));
  EXPECT_EQ(NpyData(EncodeNpy(vector)), std::string("\x01\x00\x01", 3));
  io::Tensor strings;
  strings.dtype = io::DType::kString;
  strings.shape = {2};
  strings.strings = {"abc", "d"};
  EXPECT_THAT(NpyHeader(EncodeNpy(strings)), HasSubstr("'descr': '|S3'"));
  EXPECT_EQ(NpyData(EncodeNpy(strings)), std::string("abcd\0\0", 6));
  io::Tensor complex;
  complex.dtype = io::DType::kComplex64;
  complex.shape = {1, 1};
  complex.data = io::testing::ToBuffer(ByteWriter().AddAll<float>({1, 2}).bytes());
  EXPECT_THAT(NpyHeader(EncodeNpy(complex)), HasSubstr("'descr': '<c8'"));
  EXPECT_THAT(NpyHeader(EncodeNpy(complex)), HasSubstr("'shape': (1, 1)"));
}

TEST(DumpWeightsTest, WritesDequantizedFloat32AndTheNameMap) {
  const std::string dir = MakeTestDir("dump_in");
  const std::string out = MakeTestDir("dump_out");
  WriteFile(dir + "/model-shard1", ByteWriter().AddAll<uint8_t>({0, 2}).AddAll<int32_t>({-4}).bytes());
  WriteFile(dir + "/model-weights_manifest.json", R"([{"paths": ["model-shard1"], "weights": [
      {"name": "conv/filters", "shape": [2, 1], "dtype": "float32",
       "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1}},
      {"name": "count", "shape": [], "dtype": "int32"}]}])");
  ASSERT_TRUE(DumpWeights(dir + "/model-weights_manifest.json", out, {}).ok());

  const std::string map = ReadFile(out + "/weights.json");
  EXPECT_THAT(map, HasSubstr("\"conv/filters\": \"0000_conv_filters.npy\""));
  EXPECT_THAT(map, HasSubstr("\"count\": \"0001_count.npy\""));
  const std::string filters = ReadFile(out + "/0000_conv_filters.npy");
  EXPECT_THAT(NpyHeader(filters), HasSubstr("'descr': '<f4', 'fortran_order': False, 'shape': (2, 1)"));
  EXPECT_EQ(NpyData(filters), ByteWriter().AddAll<float>({-1.0f, 0.0f}).bytes());
  const std::string count = ReadFile(out + "/0001_count.npy");
  EXPECT_EQ(NpyData(count), ByteWriter().Add<int32_t>(-4).bytes());
}

TEST(DumpWeightsTest, ReadsModelJsonAndOnlyTheNamedWeights) {
  const std::string dir = MakeTestDir("dump_model");
  const std::string out = MakeTestDir("dump_model_out");
  WriteFile(dir + "/group1-shard1of1.bin", ByteWriter().AddAll<float>({1, 2}).bytes());
  WriteFile(dir + "/model.json", R"({"format": "graph-model", "modelTopology": {"node": []},
      "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
        {"name": "a", "shape": [1], "dtype": "float32"},
        {"name": "b", "shape": [1], "dtype": "float32"}]}]})");
  ASSERT_TRUE(DumpWeights(dir + "/model.json", out, {"b"}).ok());
  EXPECT_EQ(NpyData(ReadFile(out + "/0000_b.npy")), ByteWriter().Add<float>(2).bytes());
  EXPECT_THAT(ReadFile(out + "/weights.json"), ::testing::Not(HasSubstr("\"a\"")));
}

TEST(DumpWeightsTest, AFailedLoadCreatesNoOutputDirectory) {
  const std::string dir = MakeTestDir("dump_no_such_name");
  WriteFile(dir + "/group1-shard1of1.bin", ByteWriter().AddAll<float>({1}).bytes());
  WriteFile(dir + "/model.json", R"({"format": "graph-model", "modelTopology": {"node": []},
      "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
        {"name": "a", "shape": [1], "dtype": "float32"}]}]})");
  const std::string out = dir + "/out/nested";
  EXPECT_FALSE(DumpWeights(dir + "/model.json", out, {"nope"}).ok());
  EXPECT_FALSE(std::filesystem::exists(dir + "/out"));
  ASSERT_TRUE(DumpWeights(dir + "/model.json", out, {"a"}).ok());
  EXPECT_TRUE(std::filesystem::exists(out + "/weights.json"));
}

TEST(DumpWeightsTest, AManifestWithoutWeightsIsRefused) {
  const std::string dir = MakeTestDir("dump_empty");
  for (const std::string json : {"[{}]", R"([{"paths": [], "weights": []}])"}) {
    WriteFile(dir + "/m.json", json);
    EXPECT_EQ(DumpWeights(dir + "/m.json", dir + "/out", {}),
              absl::InvalidArgumentError(dir + "/m.json: the weights manifest lists no weights"))
        << json;
    EXPECT_FALSE(std::filesystem::exists(dir + "/out"));
  }
}

TEST(DumpWeightsTest, MissingShardIsReported) {
  const std::string dir = MakeTestDir("dump_missing");
  WriteFile(dir + "/m.json", R"([{"paths": ["gone.bin"], "weights": [
      {"name": "a", "shape": [1], "dtype": "float32"}]}])");
  absl::Status dumped = DumpWeights(dir + "/m.json", MakeTestDir("dump_missing_out"), {});
  ASSERT_FALSE(dumped.ok());
  EXPECT_THAT(std::string(dumped.message()), HasSubstr("gone.bin' is missing"));
}

}  // namespace
}  // namespace tfjs::tools
