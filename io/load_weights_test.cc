#include "io/load_weights.h"

#include <cmath>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/load_model.h"
#include "io/paths.h"
#include "io/test_bytes.h"
#include "io/weight_decoding.h"

namespace tfjs::io {
namespace {

using ::testing::DoubleEq;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ByteWriter;
using testing::Entry;
using testing::Quantized;
using testing::MakeTestDir;
using testing::WriteFile;

// Splits `bytes` into shard files at the given offsets; returns their names.
std::vector<std::string> WriteShards(const std::string& dir, const std::string& prefix,
                                     const std::string& bytes, std::vector<size_t> cuts) {
  cuts.push_back(bytes.size());
  std::vector<std::string> names;
  size_t start = 0;
  for (size_t i = 0; i < cuts.size(); ++i) {
    names.push_back(absl::StrCat(prefix, "-shard", i + 1, "of", cuts.size(), ".bin"));
    WriteFile(absl::StrCat(dir, "/", names.back()), bytes.substr(start, cuts[i] - start));
    start = cuts[i];
  }
  return names;
}

// A local Fetcher that records what it reads and keeps the buffers it hands out.
class RecordingFetcher : public Fetcher {
 public:
  absl::StatusOr<uint64_t> Size(const std::string& location) override {
    return local_->Size(location);
  }
  absl::StatusOr<Buffer> Read(const std::string& location) override {
    absl::StatusOr<Buffer> content = local_->Read(location);
    if (content.ok()) {
      reads.push_back(location.substr(location.rfind('/') + 1));
      buffers.push_back(*content);
    }
    return content;
  }
  std::vector<std::string> reads;
  std::vector<Buffer> buffers;

 private:
  std::unique_ptr<Fetcher> local_ = MakeLocalFetcher();
};

// One group holding every dtype and quantization, cut into three shards so that the int32
// weight straddles the first two.
class EveryDtypeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTestDir("every_dtype");
    ByteWriter bytes;
    bytes.AddAll<float>({0.5f, -1.0f, 3.25f})      // f32: bytes 0..12
        .AddAll<int32_t>({-7, 123456})              // i32: 12..20, cut at 16
        .AddAll<uint8_t>({1, 0})                    // b: 20..22
        .AddAll<float>({1.0f, -1.0f})               // c64: 22..30
        .AddString("ab").AddString("")              // s: 30..40
        .AddAll<uint8_t>({0, 128, 255})             // u8: 40..43
        .AddAll<uint16_t>({0, 40000})               // u16: 43..47
        .AddAll<uint16_t>({0x3c00, 0x0200, 0x7c00}) // f16: 47..53
        .AddAll<uint8_t>({9});                      // qi: 53..54
    WeightGroup group;
    group.paths = WriteShards(dir_, "group1", bytes.bytes(), {16, 41});
    group.weights = {
        Entry("f32", {3}, DType::kFloat32),
        Entry("i32", {2}, DType::kInt32),
        Entry("b", {2}, DType::kBool),
        Entry("c64", {1}, DType::kComplex64),
        Entry("s", {2}, DType::kString),
        Quantized("u8", {3}, DType::kFloat32, QuantizedDType::kUint8, 0.02, -1.3),
        Quantized("u16", {1, 2}, DType::kFloat32, QuantizedDType::kUint16, 1e-4, 0.5),
        Quantized("f16", {3}, DType::kFloat32, QuantizedDType::kFloat16),
        Quantized("qi", {}, DType::kInt32, QuantizedDType::kUint8, 0.5, 0),
    };
    manifest_.push_back(std::move(group));
  }

  std::string dir_;
  WeightsManifest manifest_;
};

TEST_F(EveryDtypeTest, LoadsAllWeightsWithExactValues) {
  absl::StatusOr<std::vector<NamedTensor>> weights = LoadWeights(manifest_, dir_);
  ASSERT_TRUE(weights.ok()) << weights.status();
  ASSERT_EQ(weights->size(), 9u);
  const auto& w = *weights;
  EXPECT_EQ(w[0].name, "f32");
  EXPECT_THAT(w[0].tensor.values<float>(), ElementsAre(0.5f, -1.0f, 3.25f));
  EXPECT_THAT(w[1].tensor.values<int32_t>(), ElementsAre(-7, 123456));
  EXPECT_THAT(w[2].tensor.values<uint8_t>(), ElementsAre(1, 0));
  EXPECT_THAT(w[3].tensor.values<float>(), ElementsAre(1.0f, -1.0f));
  EXPECT_THAT(w[4].tensor.strings, ElementsAre("ab", ""));
  const double codes8[] = {0, 128, 255};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(w[5].tensor.values<float>()[i], static_cast<float>(codes8[i] * 0.02 + -1.3));
  }
  EXPECT_THAT(w[6].tensor.shape, ElementsAre(1, 2));
  EXPECT_EQ(w[6].tensor.values<float>()[0], 0.5f);
  EXPECT_EQ(w[6].tensor.values<float>()[1], static_cast<float>(40000 * 1e-4 + 0.5));
  EXPECT_THAT(w[7].tensor.values<float>(),
              ElementsAre(1.0f, std::ldexp(1.0f, -15), std::numeric_limits<float>::infinity()));
  EXPECT_EQ(w[8].tensor.dtype, DType::kInt32);
  EXPECT_TRUE(w[8].tensor.shape.empty());
  EXPECT_THAT(w[8].tensor.values<int32_t>(), ElementsAre(5));  // Math.round(4.5)
}

TEST_F(EveryDtypeTest, RereadDecodesTheSameValuesAfterTheShardPagesWereDropped) {
  absl::StatusOr<std::vector<NamedTensor>> weights = LoadWeights(manifest_, dir_);
  ASSERT_TRUE(weights.ok()) << weights.status();
  for (const NamedTensor& weight : *weights) {
    ASSERT_NE(weight.reread, nullptr) << weight.name;
    // Loading dropped the mapped pages; the views still read the file's bytes.
    weight.tensor.data.DropResidentPages();
    absl::StatusOr<Tensor> again = weight.reread();
    ASSERT_TRUE(again.ok()) << weight.name << ": " << again.status();
    EXPECT_EQ(again->dtype, weight.tensor.dtype) << weight.name;
    EXPECT_EQ(again->shape, weight.tensor.shape) << weight.name;
    EXPECT_EQ(again->strings, weight.tensor.strings) << weight.name;
    EXPECT_EQ(std::string(again->data.bytes().begin(), again->data.bytes().end()),
              std::string(weight.tensor.data.bytes().begin(), weight.tensor.data.bytes().end()))
        << weight.name;
  }
  EXPECT_THAT((*weights)[0].tensor.values<float>(), ElementsAre(0.5f, -1.0f, 3.25f));
}

TEST(BufferTest, LargeAllocationsAreZeroedWritablePages) {
  Buffer buffer = Buffer::Allocate(1 << 20);
  ASSERT_EQ(buffer.size(), 1u << 20);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(buffer.data()) % 64, 0u);
  EXPECT_EQ(buffer.data()[12345], 0);
  buffer.mutable_data()[12345] = 7;
  EXPECT_EQ(buffer.data()[12345], 7);
  // Heap storage has no file to read back from: its pages stay.
  buffer.DropResidentPages();
  EXPECT_EQ(buffer.data()[12345], 7);
}

TEST_F(EveryDtypeTest, NamedWeightsComeInTheOrderAskedAndReadOnlyTheirShards) {
  RecordingFetcher fetcher;
  const std::vector<std::string> names = {"qi", "u8"};
  absl::StatusOr<std::vector<NamedTensor>> weights =
      LoadWeightsWith(fetcher, manifest_, dir_, "", &names, nullptr);
  ASSERT_TRUE(weights.ok()) << weights.status();
  ASSERT_EQ(weights->size(), 2u);
  EXPECT_EQ((*weights)[0].name, "qi");
  EXPECT_EQ((*weights)[1].name, "u8");
  // "s" lies in shard 2 and must be measured to place "u8" and "qi"; shard 1 is never read.
  EXPECT_THAT(fetcher.reads, ElementsAre("group1-shard2of3.bin", "group1-shard3of3.bin"));
}

TEST_F(EveryDtypeTest, UnstraddledRawWeightsPointIntoTheMappedShard) {
  RecordingFetcher fetcher;
  const std::vector<std::string> names = {"f32", "i32"};
  absl::StatusOr<std::vector<NamedTensor>> weights =
      LoadWeightsWith(fetcher, manifest_, dir_, "", &names, nullptr);
  ASSERT_TRUE(weights.ok()) << weights.status();
  // Shard 2 is read first, to measure the strings; then shard 1.
  ASSERT_THAT(fetcher.reads, ElementsAre("group1-shard2of3.bin", "group1-shard1of3.bin"));
  EXPECT_EQ((*weights)[0].tensor.data.data(), fetcher.buffers[1].data());
  // i32 straddles shards 1 and 2, so it is a copy.
  const uint8_t* i32 = (*weights)[1].tensor.data.data();
  for (const Buffer& shard : fetcher.buffers) {
    EXPECT_FALSE(i32 >= shard.data() && i32 < shard.data() + shard.size());
  }
}

TEST(LoadWeightsTest, ProgressCountsShardsUpToOne) {
  const std::string dir = MakeTestDir("progress");
  ByteWriter bytes;
  bytes.AddAll<float>({1, 2, 3, 4, 5, 6});
  WeightsManifest manifest(1);
  manifest[0].paths = WriteShards(dir, "p", bytes.bytes(), {8, 16});
  manifest[0].weights = {Entry("w", {6}, DType::kFloat32)};
  std::vector<double> progress;
  LoadOptions options;
  options.on_progress = [&](double fraction) { progress.push_back(fraction); };
  ASSERT_TRUE(LoadWeights(manifest, dir, options).ok());
  EXPECT_THAT(progress, ElementsAre(DoubleEq(1.0 / 3), DoubleEq(2.0 / 3), DoubleEq(1.0)));
}

TEST_F(EveryDtypeTest, ProgressEndsAtOneWhenStringsWereMeasuredFirst) {
  std::vector<double> progress;
  LoadOptions options;
  options.on_progress = [&](double fraction) { progress.push_back(fraction); };
  ASSERT_TRUE(LoadWeights(manifest_, dir_, options).ok());
  // Shard 2 was read while measuring "s", so the first report already counts it.
  EXPECT_THAT(progress, ElementsAre(DoubleEq(2.0 / 3), DoubleEq(1.0)));
}

TEST_F(EveryDtypeTest, UnknownNamesAreListed) {
  const std::vector<std::string> names = {"f32", "nope", "also_nope"};
  absl::StatusOr<std::vector<NamedTensor>> weights = LoadWeights(manifest_, dir_, names);
  ASSERT_FALSE(weights.ok());
  EXPECT_TRUE(absl::IsNotFound(weights.status()));
  EXPECT_THAT(std::string(weights.status().message()), HasSubstr("'nope', 'also_nope'"));
}

TEST_F(EveryDtypeTest, TruncatedShardIsNamed) {
  WriteFile(dir_ + "/group1-shard3of3.bin", "\x01\x02\x03");
  absl::StatusOr<std::vector<NamedTensor>> weights = LoadWeights(manifest_, dir_);
  ASSERT_FALSE(weights.ok());
  const std::string message(weights.status().message());
  EXPECT_THAT(message, HasSubstr("group1-shard3of3.bin' (3 bytes)"));
  EXPECT_THAT(message, HasSubstr("truncated"));
}

TEST_F(EveryDtypeTest, ManifestListingMoreThanTheShardsHoldIsAnError) {
  manifest_[0].weights.push_back(Entry("extra", {2}, DType::kFloat32));
  absl::StatusOr<std::vector<NamedTensor>> weights = LoadWeights(manifest_, dir_);
  ASSERT_FALSE(weights.ok());
  EXPECT_THAT(std::string(weights.status().message()), HasSubstr("weight 'extra' needs bytes 54..62"));
}

TEST_F(EveryDtypeTest, ShardsHoldingMoreThanTheManifestIsAnError) {
  manifest_[0].weights.pop_back();
  absl::StatusOr<std::vector<NamedTensor>> weights = LoadWeights(manifest_, dir_);
  ASSERT_FALSE(weights.ok());
  EXPECT_THAT(std::string(weights.status().message()),
              HasSubstr("the weights need 53 bytes but the shards hold 54"));
}

TEST_F(EveryDtypeTest, MissingShardIsNamed) {
  std::remove((dir_ + "/group1-shard2of3.bin").c_str());
  const std::vector<std::string> names = {"f32"};
  absl::StatusOr<std::vector<NamedTensor>> weights = LoadWeights(manifest_, dir_, names);
  ASSERT_FALSE(weights.ok());
  EXPECT_TRUE(absl::IsNotFound(weights.status()));
  EXPECT_THAT(std::string(weights.status().message()), HasSubstr("group1-shard2of3.bin' is missing"));
}

TEST(LoadWeightsTest, ReadsOnlyTheGroupsOfTheNamedWeights) {
  const std::string dir = MakeTestDir("two_groups");
  ByteWriter first;
  first.AddAll<float>({1, 2});
  ByteWriter second;
  second.AddAll<int32_t>({3});
  WeightsManifest manifest(2);
  manifest[0].paths = WriteShards(dir, "a", first.bytes(), {});
  manifest[0].weights = {Entry("x", {2}, DType::kFloat32)};
  manifest[1].paths = WriteShards(dir, "b", second.bytes(), {});
  manifest[1].weights = {Entry("y", {1}, DType::kInt32)};
  RecordingFetcher fetcher;
  const std::vector<std::string> names = {"y"};
  absl::StatusOr<std::vector<NamedTensor>> weights =
      LoadWeightsWith(fetcher, manifest, dir, "", &names, nullptr);
  ASSERT_TRUE(weights.ok()) << weights.status();
  EXPECT_THAT((*weights)[0].tensor.values<int32_t>(), ElementsAre(3));
  EXPECT_THAT(fetcher.reads, ElementsAre("b-shard1of1.bin"));
}

TEST(LoadWeightsTest, PathsThatLeaveTheFolderAreRefused) {
  const std::string dir = MakeTestDir("escape");
  WriteFile(dir + "/../outside.bin", "abcd");
  for (const char* path : {"../outside.bin", "/etc/passwd", "sub/../../outside.bin",
                           "%2e%2E/outside.bin", "http://elsewhere.example/w.bin",
                           "file:///etc/passwd", "..\\outside.bin"}) {
    WeightsManifest manifest(1);
    manifest[0].paths = {path};
    manifest[0].weights = {Entry("w", {1}, DType::kInt32)};
    absl::StatusOr<std::vector<NamedTensor>> weights = LoadWeights(manifest, dir);
    ASSERT_FALSE(weights.ok()) << path;
    EXPECT_TRUE(absl::IsInvalidArgument(weights.status())) << weights.status();
    EXPECT_THAT(std::string(weights.status().message()), HasSubstr("must stay inside")) << path;
  }
}

TEST(LoadWeightsTest, DotSegmentsThatStayInsideAreFine) {
  const std::string dir = MakeTestDir("inside");
  ByteWriter bytes;
  bytes.AddAll<int32_t>({42});
  WriteFile(dir + "/w.bin", bytes.bytes());
  WeightsManifest manifest(1);
  manifest[0].paths = {"./sub/../w.bin"};
  manifest[0].weights = {Entry("w", {1}, DType::kInt32)};
  ASSERT_EQ(std::system(("mkdir -p " + dir + "/sub").c_str()), 0);
  absl::StatusOr<std::vector<NamedTensor>> weights = LoadWeights(manifest, dir);
  ASSERT_TRUE(weights.ok()) << weights.status();
  EXPECT_THAT((*weights)[0].tensor.values<int32_t>(), ElementsAre(42));
}

TEST(PathsTest, ResolvesUnderTheFolder) {
  EXPECT_EQ(*ResolveManifestPath("dir", "a.bin", ""), "dir/a.bin");
  EXPECT_EQ(*ResolveManifestPath("http://h/m/", "a.bin", "?v=1"), "http://h/m/a.bin?v=1");
  EXPECT_EQ(*ResolveManifestPath("", "a.bin", ""), "a.bin");
}

TEST(PathsTest, SplitsModelLocationsLikeTfjs) {
  ModelLocation url = SplitModelLocation("https://h.example/m/model.json?v=2&t=x");
  EXPECT_EQ(url.folder, "https://h.example/m/");
  EXPECT_EQ(url.query, "?v=2&t=x");
  ModelLocation local = SplitModelLocation("dir/sub/model.json");
  EXPECT_EQ(local.folder, "dir/sub/");
  EXPECT_EQ(local.query, "");
  EXPECT_EQ(SplitModelLocation("model.json").folder, "./");
  EXPECT_EQ(*UrlOrigin("HTTPS://user:pw@Host.example/x"), "https://host.example:443");
  EXPECT_EQ(*UrlOrigin("http://127.0.0.1:8080/a?b"), "http://127.0.0.1:8080");
}

TEST(LoadModelTest, ADirectoryWithoutModelJsonIsSaidToBeOne) {
  const std::string dir = MakeTestDir("model_is_a_directory");
  EXPECT_EQ(LoadModel(dir).status(),
            absl::InvalidArgumentError("'" + dir + "' is a directory without a model.json"));
}

// A directory stands for the model.json in it; weights resolve against that directory.
TEST(LoadModelTest, ADirectoryLoadsItsModelJson) {
  const std::string dir = MakeTestDir("model_directory");
  WriteFile(dir + "/group1-shard1of1.bin", ByteWriter().AddAll<float>({4.5f}).bytes());
  WriteFile(dir + "/model.json", R"({"format": "graph-model",
    "modelTopology": {"node": [{"name": "w", "op": "Const"}]},
    "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
      {"name": "w", "shape": [1], "dtype": "float32"}]}]})");
  for (const std::string& path : {dir, dir + "/"}) {
    absl::StatusOr<LoadedModel> model = LoadModel(path);
    ASSERT_TRUE(model.ok()) << path << ": " << model.status();
    ASSERT_EQ(model->weights.size(), 1u);
    EXPECT_THAT(model->weights[0].tensor.values<float>(), ElementsAre(4.5f));
  }
}

TEST(LoadModelTest, LoadsModelJsonAndWeightsFromItsFolder) {
  const std::string dir = MakeTestDir("local_model");
  ByteWriter bytes;
  bytes.AddAll<float>({1.5f, 2.5f}).AddAll<uint8_t>({10});
  WriteFile(dir + "/group1-shard1of1.bin", bytes.bytes());
  WriteFile(dir + "/model.json", R"({
    "format": "graph-model",
    "modelTopology": {"node": [{"name": "w", "op": "Const"}]},
    "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
      {"name": "w", "shape": [2], "dtype": "float32"},
      {"name": "q", "shape": [1], "dtype": "float32",
       "quantization": {"dtype": "uint8", "scale": 0.25, "min": -1}}]}]})");
  absl::StatusOr<LoadedModel> model = LoadModel(dir + "/model.json");
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(model->model_json.graph->node(0).name(), "w");
  ASSERT_EQ(model->weights.size(), 2u);
  EXPECT_THAT(model->weights[0].tensor.values<float>(), ElementsAre(1.5f, 2.5f));
  EXPECT_THAT(model->weights[1].tensor.values<float>(), ElementsAre(1.5f));
}

// Raw weights of dtypes TF.js cannot load: uint8/uint16 as tensorflowjs_converter writes such
// Consts, the 64-bit and uint32 weights the converter's native target writes, int8/int16. Each
// holds its own bytes, aligned or not (the uint8 weight leaves the rest at odd offsets).
TEST(LoadModelTest, LoadsRawWeightsOfEveryFixedWidthDtype) {
  const std::string dir = MakeTestDir("wide_and_narrow");
  ByteWriter bytes;
  bytes.AddAll<uint8_t>({7, 255, 0})
      .AddAll<uint16_t>({65535})
      .AddAll<int8_t>({-128})
      .AddAll<int16_t>({-32768})
      .AddAll<uint32_t>({4294967295u})
      .AddAll<int64_t>({4294967297LL})
      .AddAll<uint64_t>({18446744073709551615ULL})
      .AddAll<double>({0.1})
      .AddAll<double>({0.25, -3.0});
  WriteFile(dir + "/group1-shard1of1.bin", bytes.bytes());
  WriteFile(dir + "/model.json", R"({
    "format": "graph-model",
    "modelTopology": {"node": []},
    "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
      {"name": "u8", "shape": [3], "dtype": "uint8"},
      {"name": "u16", "shape": [], "dtype": "uint16"},
      {"name": "i8", "shape": [1], "dtype": "int8"},
      {"name": "i16", "shape": [1], "dtype": "int16"},
      {"name": "u32", "shape": [1], "dtype": "uint32"},
      {"name": "i64", "shape": [1], "dtype": "int64"},
      {"name": "u64", "shape": [1], "dtype": "uint64"},
      {"name": "f64", "shape": [1], "dtype": "float64"},
      {"name": "c128", "shape": [1], "dtype": "complex128"}]}]})");
  absl::StatusOr<LoadedModel> model = LoadModel(dir + "/model.json");
  ASSERT_TRUE(model.ok()) << model.status();
  const std::vector<NamedTensor>& w = model->weights;
  ASSERT_EQ(w.size(), 9u);
  EXPECT_EQ(w[0].tensor.dtype, DType::kUint8);
  EXPECT_THAT(w[0].tensor.values<uint8_t>(), ElementsAre(7, 255, 0));
  EXPECT_EQ(w[1].tensor.dtype, DType::kUint16);
  EXPECT_THAT(w[1].tensor.values<uint16_t>(), ElementsAre(65535));
  EXPECT_THAT(w[2].tensor.values<int8_t>(), ElementsAre(-128));
  EXPECT_THAT(w[3].tensor.values<int16_t>(), ElementsAre(-32768));
  EXPECT_THAT(w[4].tensor.values<uint32_t>(), ElementsAre(4294967295u));
  EXPECT_EQ(w[5].tensor.dtype, DType::kInt64);
  EXPECT_THAT(w[5].tensor.values<int64_t>(), ElementsAre(4294967297LL));
  EXPECT_THAT(w[6].tensor.values<uint64_t>(), ElementsAre(18446744073709551615ULL));
  EXPECT_EQ(w[7].tensor.dtype, DType::kFloat64);
  EXPECT_THAT(w[7].tensor.values<double>(), ElementsAre(0.1));
  EXPECT_EQ(w[8].tensor.dtype, DType::kComplex128);
  EXPECT_THAT(w[8].tensor.values<double>(), ElementsAre(0.25, -3.0));
}

TEST(LoadModelTest, UnknownWeightDtypeIsNamed) {
  const std::string dir = MakeTestDir("bad_dtype");
  WriteFile(dir + "/group1-shard1of1.bin", std::string(2, '\0'));
  WriteFile(dir + "/model.json", R"({"format": "graph-model", "modelTopology": {"node": []},
    "weightsManifest": [{"paths": ["group1-shard1of1.bin"],
                         "weights": [{"name": "h", "shape": [1], "dtype": "bfloat16"}]}]})");
  absl::StatusOr<LoadedModel> model = LoadModel(dir + "/model.json");
  ASSERT_FALSE(model.ok());
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("unsupported dtype 'bfloat16'"));
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("'h'"));
}

TEST(LoadModelTest, MissingModelJsonIsNamed) {
  absl::StatusOr<LoadedModel> model = LoadModel(MakeTestDir("no_model") + "/model.json");
  ASSERT_FALSE(model.ok());
  EXPECT_TRUE(absl::IsNotFound(model.status()));
  EXPECT_THAT(std::string(model.status().message()), HasSubstr("no_model/model.json"));
}

}  // namespace
}  // namespace tfjs::io
