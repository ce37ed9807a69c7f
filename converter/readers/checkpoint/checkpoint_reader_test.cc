// Round trips through BundleWriter, and corrupted checkpoints.
#include "converter/readers/checkpoint/checkpoint_reader.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "converter/readers/checkpoint/coding.h"
#include "converter/readers/checkpoint/crc32c.h"
#include "converter/readers/checkpoint/slice_key.h"
#include "converter/readers/checkpoint/table_format.h"
#include "gtest/gtest.h"
#include "testdata/tools/bundle_writer.h"
#include "testdata/tools/table_builder.h"
#include "tools/testing/test_files.h"

namespace tfjs::converter {
namespace {

using tensorflow::DataType;
using tensorflow::TensorProto;
using tensorflow::TensorShapeProto;
using tensorflow::TensorSliceProto;
using testdata::BundleWriter;
using testdata::BundleWriterOptions;

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (const int byte : bytes) out.push_back(static_cast<char>(byte));
  return out;
}

std::string TempPrefix(const std::string& name) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  return std::string(tmp ? tmp : "/tmp") + "/" + name;
}

using ::tfjs::test_files::ReadFile;

void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << contents;
}

TensorShapeProto Shape(const std::vector<int64_t>& dims) {
  TensorShapeProto shape;
  for (const int64_t dim : dims) shape.add_dim()->set_size(dim);
  return shape;
}

template <typename T>
TensorProto Numeric(DataType dtype, const std::vector<int64_t>& dims,
                    const std::vector<T>& values) {
  TensorProto tensor;
  tensor.set_dtype(dtype);
  *tensor.mutable_tensor_shape() = Shape(dims);
  tensor.set_tensor_content(
      std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T)));
  return tensor;
}

TensorProto Strings(const std::vector<int64_t>& dims, const std::vector<std::string>& values) {
  TensorProto tensor;
  tensor.set_dtype(tensorflow::DT_STRING);
  *tensor.mutable_tensor_shape() = Shape(dims);
  for (const std::string& value : values) tensor.add_string_val(value);
  return tensor;
}

std::unique_ptr<CheckpointReader> OpenOrDie(const std::string& prefix) {
  absl::StatusOr<std::unique_ptr<CheckpointReader>> reader = CheckpointReader::Open(prefix);
  EXPECT_TRUE(reader.ok()) << reader.status();
  return reader.ok() ? *std::move(reader) : nullptr;
}

void ExpectSameTensor(const TensorProto& actual, const TensorProto& expected) {
  EXPECT_EQ(actual.dtype(), expected.dtype());
  EXPECT_EQ(actual.tensor_shape().SerializeAsString(), expected.tensor_shape().SerializeAsString());
  EXPECT_EQ(actual.tensor_content(), expected.tensor_content());
  ASSERT_EQ(actual.string_val_size(), expected.string_val_size());
  for (int i = 0; i < actual.string_val_size(); ++i) {
    EXPECT_EQ(actual.string_val(i), expected.string_val(i));
  }
}

TEST(Crc32cTest, KnownValues) {
  EXPECT_EQ(crc32c::Value("123456789"), 0xe3069283u);
  EXPECT_EQ(crc32c::Value(std::string(32, '\0')), 0x8a9136aau);
  EXPECT_EQ(crc32c::Value(std::string(32, '\xff')), 0x62a8ab43u);
  EXPECT_EQ(crc32c::Extend(crc32c::Value("1234"), "56789"), 0xe3069283u);
  EXPECT_EQ(crc32c::Unmask(crc32c::Mask(0x12345678u)), 0x12345678u);
  EXPECT_NE(crc32c::Mask(0x12345678u), 0x12345678u);
}

// Inputs of several 24 KiB rounds take the three-stream path; small pieces the one-stream path.
TEST(Crc32cTest, LargeInputsAgreeWithPiecewiseCrc) {
  std::string data(200 * 1024 + 13, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>((i * 2654435761u) >> 13);
  for (size_t start : {0, 1, 5}) {
    const absl::string_view input = absl::string_view(data).substr(start);
    uint32_t piecewise = 0;
    for (size_t at = 0; at < input.size(); at += 1000) {
      piecewise = crc32c::Extend(piecewise, input.substr(at, 1000));
    }
    EXPECT_EQ(crc32c::Value(input), piecewise) << start;
    // The same bytes cut into rounds at other places.
    EXPECT_EQ(crc32c::Extend(crc32c::Value("abc"), input),
              crc32c::Value(absl::StrCat("abc", input))) << start;
  }
}

TEST(SliceKeyTest, MatchesTfOrderedCode) {
  TensorSliceProto slice;
  slice.add_extent()->set_start(0x424242);
  slice.mutable_extent(0)->set_length(1);
  slice.add_extent();  // Full extent: start 0, length -1.
  auto* negative = slice.add_extent();
  negative->set_start(-0x800);
  negative->set_length(100);
  // The name "a", NUL, 0xff, "b" exercises both escapes.
  const std::string name = Bytes({'a', 0x00, 0xff, 'b'});
  const std::string expected = Bytes({
      0x00,                                           // Slice keys start with ordered code 0.
      'a',  0x00, 0xff, 0xff, 0x00, 'b', 0x00, 0x01,  // Escaped name + separator.
      0x01, 0x03,                                     // 3 extents.
      0xf0, 0x42, 0x42, 0x42, 0x81,                   // start 0x424242, length 1.
      0x80, 0x7f,                                     // Full extent: start 0, length -1.
      0x38, 0x00, 0xc0, 0x64,                         // start -0x800, length 100.
  });
  EXPECT_EQ(EncodeSliceKey(name, slice), expected);
}

TEST(CheckpointReaderTest, RoundTripsEveryDtype) {
  const std::string prefix = TempPrefix("dtypes");
  std::vector<std::pair<std::string, TensorProto>> tensors = {
      {"float", Numeric<float>(tensorflow::DT_FLOAT, {2, 3}, {1, -2, 3.5f, 0, 1e30f, -0.0f})},
      {"int32", Numeric<int32_t>(tensorflow::DT_INT32, {3}, {1, -2, 1 << 30})},
      {"int64", Numeric<int64_t>(tensorflow::DT_INT64, {2}, {-1, int64_t{1} << 40})},
      {"bool", Numeric<uint8_t>(tensorflow::DT_BOOL, {4}, {1, 0, 0, 1})},
      {"half", Numeric<uint16_t>(tensorflow::DT_HALF, {2}, {0x3c00, 0xc000})},
      {"double_scalar", Numeric<double>(tensorflow::DT_DOUBLE, {}, {3.25})},
      {"empty", Numeric<float>(tensorflow::DT_FLOAT, {0, 3}, {})},
      {"strings", Strings({2, 2}, {"", std::string("nul\0byte", 8), std::string(300, 'x'), "z"})},
      {"empty_strings", Strings({0}, {})},
  };
  BundleWriter writer(prefix);
  for (const auto& [key, tensor] : tensors) ASSERT_TRUE(writer.Add(key, tensor).ok()) << key;
  ASSERT_TRUE(writer.Finish().ok());

  std::unique_ptr<CheckpointReader> reader = OpenOrDie(prefix);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->Keys(),
            (std::vector<std::string>{"bool", "double_scalar", "empty", "empty_strings", "float",
                                      "half", "int32", "int64", "strings"}));
  for (const auto& [key, tensor] : tensors) {
    SCOPED_TRACE(key);
    EXPECT_TRUE(reader->Contains(key));
    absl::StatusOr<TensorProto> read = reader->Read(key);
    ASSERT_TRUE(read.ok()) << read.status();
    ExpectSameTensor(*read, tensor);
    absl::StatusOr<tensorflow::BundleEntryProto> entry = reader->Entry(key);
    ASSERT_TRUE(entry.ok());
    EXPECT_EQ(entry->dtype(), tensor.dtype());
  }
}

TEST(CheckpointReaderTest, ReadsLargeTensor) {
  const std::string prefix = TempPrefix("large");
  std::vector<float> values(4 << 20);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<float>(i);
  const TensorProto tensor = Numeric<float>(tensorflow::DT_FLOAT, {1024, 4096}, values);
  BundleWriter writer(prefix);
  ASSERT_TRUE(writer.Add("small", Numeric<int32_t>(tensorflow::DT_INT32, {1}, {3})).ok());
  ASSERT_TRUE(writer.Add("big", tensor).ok());
  ASSERT_TRUE(writer.Finish().ok());
  std::unique_ptr<CheckpointReader> reader = OpenOrDie(prefix);
  ASSERT_NE(reader, nullptr);
  absl::StatusOr<TensorProto> read = reader->Read("big");
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_TRUE(read->tensor_content() == tensor.tensor_content());
}

TEST(CheckpointReaderTest, WriterAcceptsTypedValueFields) {
  const std::string prefix = TempPrefix("typed");
  TensorProto floats;
  floats.set_dtype(tensorflow::DT_FLOAT);
  *floats.mutable_tensor_shape() = Shape({2});
  floats.add_float_val(0.5f);
  floats.add_float_val(2.0f);
  TensorProto int8s;
  int8s.set_dtype(tensorflow::DT_INT8);
  *int8s.mutable_tensor_shape() = Shape({2});
  int8s.add_int_val(-1);
  int8s.add_int_val(7);
  TensorProto halves;
  halves.set_dtype(tensorflow::DT_HALF);
  *halves.mutable_tensor_shape() = Shape({2});
  halves.add_half_val(0x3c00);
  halves.add_half_val(0xc000);
  TensorProto too_few = floats;
  too_few.mutable_tensor_shape()->mutable_dim(0)->set_size(3);
  BundleWriter writer(prefix);
  ASSERT_TRUE(writer.Add("floats", floats).ok());
  ASSERT_TRUE(writer.Add("int8s", int8s).ok());
  ASSERT_TRUE(writer.Add("halves", halves).ok());
  EXPECT_FALSE(writer.Add("too_few", too_few).ok());
  EXPECT_FALSE(writer.Add("floats", floats).ok());
  ASSERT_TRUE(writer.Finish().ok());

  std::unique_ptr<CheckpointReader> reader = OpenOrDie(prefix);
  ASSERT_NE(reader, nullptr);
  ExpectSameTensor(*reader->Read("floats"), Numeric<float>(tensorflow::DT_FLOAT, {2}, {0.5f, 2}));
  ExpectSameTensor(*reader->Read("int8s"), Numeric<int8_t>(tensorflow::DT_INT8, {2}, {-1, 7}));
  ExpectSameTensor(*reader->Read("halves"),
                   Numeric<uint16_t>(tensorflow::DT_HALF, {2}, {0x3c00, 0xc000}));
}

TEST(CheckpointReaderTest, ReadsMultipleShards) {
  const std::string prefix = TempPrefix("sharded");
  BundleWriterOptions options;
  options.num_shards = 3;
  BundleWriter writer(prefix, options);
  std::vector<TensorProto> tensors;
  for (int shard = 0; shard < 3; ++shard) {
    tensors.push_back(Numeric<int32_t>(tensorflow::DT_INT32, {2}, {shard, shard * 10}));
    ASSERT_TRUE(writer.Add(absl::StrCat("t", shard), tensors.back(), shard).ok());
  }
  ASSERT_TRUE(writer.Add("t0b", Strings({1}, {"second in shard 0"}), 0).ok());
  ASSERT_TRUE(writer.Finish().ok());
  for (int shard = 0; shard < 3; ++shard) {
    EXPECT_FALSE(ReadFile(absl::StrCat(prefix, ".data-0000", shard, "-of-00003")).empty());
  }

  std::unique_ptr<CheckpointReader> reader = OpenOrDie(prefix);
  ASSERT_NE(reader, nullptr);
  for (int shard = 0; shard < 3; ++shard) {
    const std::string key = absl::StrCat("t", shard);
    EXPECT_EQ(reader->Entry(key)->shard_id(), shard);
    ExpectSameTensor(*reader->Read(key), tensors[shard]);
  }
  EXPECT_EQ(reader->Read("t0b")->string_val(0), "second in shard 0");
}

TensorSliceProto Slice(const std::vector<std::pair<int64_t, int64_t>>& extents) {
  TensorSliceProto slice;
  for (const auto& [start, length] : extents) {
    TensorSliceProto::Extent* extent = slice.add_extent();
    if (length >= 0) {  // length -1: the whole dimension.
      extent->set_start(start);
      extent->set_length(length);
    }
  }
  return slice;
}

TEST(CheckpointReaderTest, AssemblesSlicedVariables) {
  const std::string prefix = TempPrefix("sliced");
  BundleWriterOptions options;
  options.num_shards = 2;
  BundleWriter writer(prefix, options);
  // Full [4, 3] float tensor with value 10 * row + column, in three slices over two shards.
  const TensorShapeProto full_shape = Shape({4, 3});
  ASSERT_TRUE(writer
                  .AddSlice("w", full_shape, Slice({{0, 2}, {0, -1}}),
                            Numeric<float>(tensorflow::DT_FLOAT, {2, 3}, {0, 1, 2, 10, 11, 12}), 0)
                  .ok());
  ASSERT_TRUE(writer
                  .AddSlice("w", full_shape, Slice({{2, 2}, {0, 2}}),
                            Numeric<float>(tensorflow::DT_FLOAT, {2, 2}, {20, 21, 30, 31}), 1)
                  .ok());
  ASSERT_TRUE(writer
                  .AddSlice("w", full_shape, Slice({{2, 2}, {2, 1}}),
                            Numeric<float>(tensorflow::DT_FLOAT, {2, 1}, {22, 32}), 0)
                  .ok());
  const TensorShapeProto vocab_shape = Shape({3});
  ASSERT_TRUE(writer.AddSlice("vocab", vocab_shape, Slice({{0, 1}}), Strings({1}, {"a"})).ok());
  ASSERT_TRUE(
      writer.AddSlice("vocab", vocab_shape, Slice({{1, 2}}), Strings({2}, {"bb", "ccc"}), 1).ok());
  ASSERT_TRUE(writer.Add("plain", Numeric<float>(tensorflow::DT_FLOAT, {1}, {7})).ok());
  ASSERT_TRUE(writer.Finish().ok());

  std::unique_ptr<CheckpointReader> reader = OpenOrDie(prefix);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->Keys(), (std::vector<std::string>{"plain", "vocab", "w"}));
  EXPECT_FALSE(reader->Contains(EncodeSliceKey("w", Slice({{0, 2}, {0, -1}}))));
  EXPECT_EQ(reader->Entry("w")->slices_size(), 3);
  absl::StatusOr<TensorProto> w = reader->Read("w");
  ASSERT_TRUE(w.ok()) << w.status();
  ExpectSameTensor(*w, Numeric<float>(tensorflow::DT_FLOAT, {4, 3},
                                      {0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32}));
  absl::StatusOr<TensorProto> vocab = reader->Read("vocab");
  ASSERT_TRUE(vocab.ok()) << vocab.status();
  ExpectSameTensor(*vocab, Strings({3}, {"a", "bb", "ccc"}));
}

// Locate gives the byte range Read would read: the data file slice equals the tensor's content
// and carries its crc; strings and sliced variables are not one range.
TEST(CheckpointReaderTest, LocatesWholeFixedSizeTensorsWithoutReadingThem) {
  const std::string prefix = TempPrefix("locate");
  BundleWriterOptions options;
  options.num_shards = 2;
  BundleWriter writer(prefix, options);
  const TensorProto kernel =
      Numeric<float>(tensorflow::DT_FLOAT, {2, 3}, {1.5f, -2, 3, 4, 5, 6.25f});
  const TensorProto steps = Numeric<int64_t>(tensorflow::DT_INT64, {2}, {1, int64_t{1} << 40});
  ASSERT_TRUE(writer.Add("names", Strings({1}, {"x"}), 1).ok());
  ASSERT_TRUE(writer.Add("kernel", kernel, 1).ok());
  ASSERT_TRUE(writer.Add("steps", steps, 0).ok());
  ASSERT_TRUE(writer
                  .AddSlice("w", Shape({2}), Slice({{0, 1}}),
                            Numeric<float>(tensorflow::DT_FLOAT, {1}, {1}))
                  .ok());
  ASSERT_TRUE(writer.Finish().ok());
  std::unique_ptr<CheckpointReader> reader = OpenOrDie(prefix);
  ASSERT_NE(reader, nullptr);

  for (const auto& [key, tensor, shard] :
       {std::make_tuple("kernel", kernel, 1), std::make_tuple("steps", steps, 0)}) {
    SCOPED_TRACE(key);
    absl::StatusOr<std::optional<WeightSource>> source = reader->Locate(key);
    ASSERT_TRUE(source.ok()) << source.status();
    ASSERT_TRUE(source->has_value());
    const WeightSource& where = **source;
    EXPECT_EQ(where.path, absl::StrCat(prefix, ".data-0000", shard, "-of-00002"));
    EXPECT_EQ(where.checkpoint_key, key);
    EXPECT_EQ(where.dtype, tensor.dtype());
    EXPECT_EQ(where.shape.SerializeAsString(), tensor.tensor_shape().SerializeAsString());
    const std::string bytes = ReadFile(where.path).substr(where.offset, where.size);
    EXPECT_EQ(bytes, tensor.tensor_content());
    EXPECT_EQ(where.crc32c, crc32c::Value(bytes));
  }
  for (const char* key : {"names", "w"}) {
    absl::StatusOr<std::optional<WeightSource>> source = reader->Locate(key);
    ASSERT_TRUE(source.ok()) << source.status();
    EXPECT_FALSE(source->has_value()) << key;
  }
  EXPECT_EQ(reader->Locate("absent").status().code(), absl::StatusCode::kNotFound);
}

// A range past the end of its data file is found without reading the data.
TEST(CheckpointReaderErrorTest, LocateChecksTheRangeAgainstTheDataFile) {
  const std::string prefix = TempPrefix("locate_truncated");
  BundleWriter writer(prefix);
  ASSERT_TRUE(writer.Add("v", Numeric<float>(tensorflow::DT_FLOAT, {4}, {1, 2, 3, 4})).ok());
  ASSERT_TRUE(writer.Finish().ok());
  const std::string data = prefix + ".data-00000-of-00001";
  WriteFile(data, ReadFile(data).substr(0, 10));
  std::unique_ptr<CheckpointReader> reader = OpenOrDie(prefix);
  ASSERT_NE(reader, nullptr);
  absl::StatusOr<std::optional<WeightSource>> source = reader->Locate("v");
  EXPECT_EQ(source.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_TRUE(absl::StrContains(source.status().message(), data)) << source.status();
}

// The number of data blocks: the index block has one restart point per entry.
uint32_t CountDataBlocks(const std::string& index) {
  const char* footer = index.data() + index.size() - table::kFooterSize;
  absl::string_view handles(footer, table::kFooterSize);
  uint64_t ignored = 0, index_offset = 0, index_size = 0;
  coding::GetVarint64(&handles, &ignored);
  coding::GetVarint64(&handles, &ignored);
  coding::GetVarint64(&handles, &index_offset);
  coding::GetVarint64(&handles, &index_size);
  return coding::DecodeFixed32(index.data() + index_offset + index_size - 4);
}

TEST(CheckpointReaderTest, ReadsIndexWithManyBlocksAndRestartPoints) {
  const std::string prefix = TempPrefix("many");
  BundleWriterOptions options;
  options.index_block_size = 512;
  options.index_restart_interval = 4;
  BundleWriter writer(prefix, options);
  std::vector<std::string> keys;
  for (int i = 0; i < 1000; ++i) {
    keys.push_back(absl::StrFormat("layer_%04d/kernel/.ATTRIBUTES/VARIABLE_VALUE", i));
    ASSERT_TRUE(writer.Add(keys.back(), Numeric<int32_t>(tensorflow::DT_INT32, {1}, {i})).ok());
  }
  ASSERT_TRUE(writer.Finish().ok());
  EXPECT_GT(CountDataBlocks(ReadFile(prefix + ".index")), 50u);

  std::unique_ptr<CheckpointReader> reader = OpenOrDie(prefix);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(reader->Keys(), keys);
  for (int i = 0; i < 1000; i += 37) {
    ExpectSameTensor(*reader->Read(keys[i]), Numeric<int32_t>(tensorflow::DT_INT32, {1}, {i}));
  }
  absl::StatusOr<TensorProto> missing = reader->Read("no_such_tensor");
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(absl::StrContains(missing.status().message(), "no_such_tensor"));
  EXPECT_TRUE(absl::StrContains(missing.status().message(), prefix + ".index"));
  EXPECT_LT(missing.status().message().size(), 600u);
}

// A small valid checkpoint to corrupt: "a" (float[4]) in shard 0, "b" (int32[2]) in shard 1.
std::string WriteSmallCheckpoint(const std::string& name) {
  const std::string prefix = TempPrefix(name);
  BundleWriterOptions options;
  options.num_shards = 2;
  BundleWriter writer(prefix, options);
  EXPECT_TRUE(writer.Add("a", Numeric<float>(tensorflow::DT_FLOAT, {4}, {1, 2, 3, 4}), 0).ok());
  EXPECT_TRUE(writer.Add("b", Numeric<int32_t>(tensorflow::DT_INT32, {2}, {5, 6}), 1).ok());
  EXPECT_TRUE(writer.Finish().ok());
  return prefix;
}

void ExpectOpenError(const std::string& prefix, const std::string& file,
                     const std::string& problem) {
  absl::StatusOr<std::unique_ptr<CheckpointReader>> reader = CheckpointReader::Open(prefix);
  ASSERT_FALSE(reader.ok());
  EXPECT_TRUE(absl::StrContains(reader.status().message(), file)) << reader.status();
  EXPECT_TRUE(absl::StrContains(reader.status().message(), problem)) << reader.status();
}

TEST(CheckpointReaderErrorTest, TruncatedIndex) {
  const std::string prefix = WriteSmallCheckpoint("truncated");
  const std::string index = ReadFile(prefix + ".index");
  WriteFile(prefix + ".index", index.substr(0, index.size() - 10));
  ExpectOpenError(prefix, prefix + ".index", "magic");
  WriteFile(prefix + ".index", index.substr(0, 20));
  ExpectOpenError(prefix, prefix + ".index", "truncated");
}

TEST(CheckpointReaderErrorTest, MissingIndex) {
  ExpectOpenError(TempPrefix("does_not_exist"), TempPrefix("does_not_exist") + ".index",
                  "cannot open");
}

TEST(CheckpointReaderErrorTest, CorruptIndexBlock) {
  const std::string prefix = WriteSmallCheckpoint("corrupt_index");
  std::string index = ReadFile(prefix + ".index");
  index[8] ^= 0x40;  // Inside the first data block.
  WriteFile(prefix + ".index", index);
  ExpectOpenError(prefix, prefix + ".index", "crc32c mismatch");
}

TEST(CheckpointReaderErrorTest, UnsupportedBlockCompression) {
  const std::string prefix = WriteSmallCheckpoint("compressed");
  std::string index = ReadFile(prefix + ".index");
  // The first data block ends where the metaindex handle (first in the footer) points, less
  // its trailer; set its type byte to 2 and re-checksum.
  absl::string_view handles(index.data() + index.size() - table::kFooterSize, table::kFooterSize);
  uint64_t metaindex_offset = 0;
  coding::GetVarint64(&handles, &metaindex_offset);
  const size_t type_at = metaindex_offset - table::kBlockTrailerSize;
  index[type_at] = 2;
  std::string masked;
  coding::PutFixed32(&masked,
                     crc32c::Mask(crc32c::Value(absl::string_view(index.data(), type_at + 1))));
  index.replace(type_at + 1, 4, masked);
  WriteFile(prefix + ".index", index);
  ExpectOpenError(prefix, prefix + ".index", "compression type 2");
}

TEST(CheckpointReaderErrorTest, FlippedDataByteFailsCrc) {
  const std::string prefix = WriteSmallCheckpoint("flipped");
  const std::string shard0 = prefix + ".data-00000-of-00002";
  std::string data = ReadFile(shard0);
  data[5] ^= 1;
  WriteFile(shard0, data);
  std::unique_ptr<CheckpointReader> reader = OpenOrDie(prefix);
  ASSERT_NE(reader, nullptr);
  absl::StatusOr<TensorProto> a = reader->Read("a");
  ASSERT_FALSE(a.ok());
  EXPECT_TRUE(absl::StrContains(a.status().message(), shard0)) << a.status();
  EXPECT_TRUE(absl::StrContains(a.status().message(), "crc32c mismatch")) << a.status();
  EXPECT_TRUE(reader->Read("b").ok());
}

TEST(CheckpointReaderErrorTest, MissingAndTruncatedShards) {
  const std::string prefix = WriteSmallCheckpoint("missing_shard");
  const std::string shard1 = prefix + ".data-00001-of-00002";
  std::remove(shard1.c_str());
  std::unique_ptr<CheckpointReader> reader = OpenOrDie(prefix);
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->Read("a").ok());
  absl::StatusOr<TensorProto> b = reader->Read("b");
  ASSERT_FALSE(b.ok());
  EXPECT_TRUE(absl::StrContains(b.status().message(), shard1)) << b.status();
  EXPECT_TRUE(absl::StrContains(b.status().message(), "missing")) << b.status();

  const std::string shard0 = prefix + ".data-00000-of-00002";
  WriteFile(shard0, ReadFile(shard0).substr(0, 6));
  std::unique_ptr<CheckpointReader> reopened = OpenOrDie(prefix);
  ASSERT_NE(reopened, nullptr);
  absl::StatusOr<TensorProto> a = reopened->Read("a");
  ASSERT_FALSE(a.ok());
  EXPECT_TRUE(absl::StrContains(a.status().message(), shard0)) << a.status();
  EXPECT_TRUE(absl::StrContains(a.status().message(), "truncated")) << a.status();
}

// Writes an index table by hand, for entries the BundleWriter refuses to produce.
void WriteIndex(const std::string& prefix, const tensorflow::BundleHeaderProto& header,
                const std::vector<std::pair<std::string, tensorflow::BundleEntryProto>>& entries) {
  testdata::TableBuilder table;
  table.Add("", header.SerializeAsString());
  for (const auto& [key, entry] : entries) table.Add(key, entry.SerializeAsString());
  WriteFile(prefix + ".index", table.Finish());
}

TEST(CheckpointReaderErrorTest, BigEndianHeader) {
  const std::string prefix = TempPrefix("big_endian");
  tensorflow::BundleHeaderProto header;
  header.set_num_shards(1);
  header.set_endianness(tensorflow::BundleHeaderProto::BIG);
  WriteIndex(prefix, header, {});
  ExpectOpenError(prefix, prefix + ".index", "big-endian");
}

TEST(CheckpointReaderErrorTest, EntrySizeDisagreesWithShape) {
  const std::string prefix = TempPrefix("size_mismatch");
  WriteFile(prefix + ".data-00000-of-00001", std::string(12, '\0'));
  tensorflow::BundleHeaderProto header;
  header.set_num_shards(1);
  tensorflow::BundleEntryProto entry;
  entry.set_dtype(tensorflow::DT_FLOAT);
  *entry.mutable_shape() = Shape({4});
  entry.set_size(12);
  entry.set_crc32c(crc32c::Mask(crc32c::Value(std::string(12, '\0'))));
  WriteIndex(prefix, header, {{"x", entry}});
  std::unique_ptr<CheckpointReader> reader = OpenOrDie(prefix);
  ASSERT_NE(reader, nullptr);
  absl::StatusOr<TensorProto> x = reader->Read("x");
  ASSERT_FALSE(x.ok());
  EXPECT_TRUE(absl::StrContains(x.status().message(), prefix + ".index")) << x.status();
  EXPECT_TRUE(absl::StrContains(x.status().message(), "does not match")) << x.status();
}

TEST(CheckpointReaderErrorTest, SliceMissingFromIndex) {
  const std::string prefix = TempPrefix("slice_missing");
  tensorflow::BundleHeaderProto header;
  header.set_num_shards(1);
  tensorflow::BundleEntryProto entry;
  entry.set_dtype(tensorflow::DT_FLOAT);
  *entry.mutable_shape() = Shape({4});
  *entry.add_slices() = Slice({{0, 2}});
  WriteIndex(prefix, header, {{"x", entry}});
  std::unique_ptr<CheckpointReader> reader = OpenOrDie(prefix);
  ASSERT_NE(reader, nullptr);
  absl::StatusOr<TensorProto> x = reader->Read("x");
  ASSERT_FALSE(x.ok());
  EXPECT_TRUE(absl::StrContains(x.status().message(), "no entry")) << x.status();
}

}  // namespace
}  // namespace tfjs::converter
