// Features the corpus's h5py files do not use, on files this test lays out byte by byte after
// the format specification: superblock 2, version-2 object headers with continuation blocks,
// link messages, attribute message 3, chunked datasets (deflate, shuffle, partial edge chunks),
// compact storage, big-endian numbers, float16/float64, variable-length strings.
#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "converter/readers/hdf5/checksum.h"
#include "converter/readers/hdf5/hdf5_file.h"
#include "converter/readers/hdf5/hdf5_test_builder.h"
#include "gtest/gtest.h"

// In the builder's namespace, so that its vocabulary (U8, FileBuilder, ...) reads unqualified.
namespace tfjs::converter::hdf5::testing {
namespace {

std::string CompoundType() { return U8(0x30 | 6) + U8(0) + U16(0) + U32(4); }

std::string Deflate(const std::string& data) {
  uLongf size = compressBound(data.size());
  std::string out(size, '\0');
  EXPECT_EQ(compress(reinterpret_cast<Bytef*>(out.data()), &size,
                     reinterpret_cast<const Bytef*>(data.data()), data.size()),
            Z_OK);
  out.resize(size);
  return out;
}

std::string Shuffle(const std::string& data, size_t element_size) {
  const size_t count = data.size() / element_size;
  std::string out(data.size(), '\0');
  for (size_t i = 0; i < count; ++i) {
    for (size_t b = 0; b < element_size; ++b) out[b * count + i] = data[i * element_size + b];
  }
  return out;
}

std::string FloatBytes(const std::vector<float>& values) {
  std::string out(values.size() * 4, '\0');
  std::memcpy(out.data(), values.data(), out.size());
  return out;
}

// A [5, 3] float32 dataset holding 0..14 in [2, 2] chunks (the last row and column of chunks
// stick out of the dataset), shuffled then deflated.
uint64_t AddChunkedDataset(FileBuilder& file, bool corrupt_chunk) {
  const std::vector<uint64_t> shape = {5, 3}, chunk = {2, 2};
  struct Stored {
    std::vector<uint64_t> origin;
    uint64_t address;
    uint64_t size;
  };
  std::vector<Stored> chunks;
  for (uint64_t r = 0; r < shape[0]; r += chunk[0]) {
    for (uint64_t c = 0; c < shape[1]; c += chunk[1]) {
      std::vector<float> values(chunk[0] * chunk[1], -1.0f);  // outside the dataset: padding
      for (uint64_t i = 0; i < chunk[0]; ++i) {
        for (uint64_t j = 0; j < chunk[1]; ++j) {
          if (r + i < shape[0] && c + j < shape[1]) {
            values[i * chunk[1] + j] = static_cast<float>((r + i) * shape[1] + c + j);
          }
        }
      }
      std::string stored = Deflate(Shuffle(FloatBytes(values), 4));
      if (corrupt_chunk) stored[stored.size() / 2] ^= 0x55;
      chunks.push_back({{r, c}, file.Append(stored), stored.size()});
    }
  }
  // One leaf node: keys (size, filter mask, offsets + a trailing 0) around the chunk addresses.
  std::string node =
      "TREE" + U8(1) + U8(0) + U16(chunks.size()) + U64(kUndefined) + U64(kUndefined);
  for (const Stored& stored : chunks) {
    node += U32(stored.size) + U32(0) + U64(stored.origin[0]) + U64(stored.origin[1]) + U64(0) +
            U64(stored.address);
  }
  node += U32(0) + U32(0) + U64(shape[0]) + U64(shape[1]) + U64(0);
  const uint64_t btree = file.Append(node);
  const std::string layout =
      U8(3) + U8(2) + U8(3) + U64(btree) + U32(chunk[0]) + U32(chunk[1]) + U32(4);
  // Filter pipeline version 2: shuffle (applied first), then deflate at level 6.
  const std::string filters =
      U8(2) + U8(2) + U16(2) + U16(0) + U16(1) + U32(4) + U16(1) + U16(0) + U16(1) + U32(6);
  return file.ObjectHeader(
      {{0x01, Dataspace(shape)}, {0x03, FloatType(4, false)}, {0x0B, filters}, {0x08, layout}});
}


// Root: attributes of every kind, and a group "weights" (its links in a continuation block)
// with a chunked, a compact, a big-endian contiguous and a float16 dataset.
std::string BuildFile(bool corrupt_chunk = false) {
  FileBuilder file;
  const uint64_t chunked = AddChunkedDataset(file, corrupt_chunk);
  const uint64_t compact =
      file.ObjectHeader({{0x01, Dataspace({4})},
                         {0x03, IntType(2, true, false)},
                         {0x08, U8(3) + U8(0) + U16(8) + U16(1) + U16(-2 & 0xFFFF) + U16(300) +
                                    U16(-32768 & 0xFFFF)}});
  const std::string big_endian_data(
      "\x3f\x80\x00\x00"
      "\xc0\x00\x00\x00"
      "\x40\x49\x0f\xdb",
      12);
  const uint64_t big_data = file.Append(big_endian_data);
  const uint64_t big = file.ObjectHeader({{0x01, Dataspace({3})},
                                          {0x03, FloatType(4, true)},
                                          {0x08, U8(3) + U8(1) + U64(big_data) + U64(12)}});
  // float16 1.0, -2.0, 0.5
  const uint64_t half_data = file.Append(U16(0x3C00) + U16(0xC000) + U16(0x3800));
  const uint64_t half = file.ObjectHeader({{0x01, Dataspace({3, 1})},
                                           {0x03, FloatType(2, false)},
                                           {0x08, U8(3) + U8(1) + U64(half_data) + U64(6)}});
  const uint64_t weights =
      file.ObjectHeader({{0x02, LinkInfoMessage()}}, {{0x06, HardLinkMessage("kernel:0", chunked)},
                                                      {0x06, HardLinkMessage("steps", compact)},
                                                      {0x06, HardLinkMessage("big", big)},
                                                      {0x06, HardLinkMessage("half", half)}});
  // Variable-length strings live in a global heap collection.
  std::string heap_objects;
  for (const auto& [index, text] :
       std::vector<std::pair<int, std::string>>{{1, "{\"class_name\": \"Model\"}"}, {2, "2.2.4"}}) {
    std::string object = U16(index) + U16(1) + U32(0) + U64(text.size()) + text;
    object.resize((object.size() + 7) / 8 * 8, '\0');
    heap_objects += object;
  }
  const std::string free_space = U16(0) + U16(0) + U32(0) + U64(16);
  const std::string collection_size = U64(16 + heap_objects.size() + free_space.size());
  const uint64_t heap = file.Append("GCOL" + U8(1) + std::string(3, '\0') + collection_size +
                                    heap_objects + free_space);
  const std::string layer_names = std::string("dense\0\0\0conv_2d\0", 16);
  const uint64_t root = file.ObjectHeader(
      {{0x02, LinkInfoMessage()},
       {0x06, HardLinkMessage("weights", weights)},
       {0x0C, AttributeMessage("model_config", VariableStringType(), Dataspace({}),
                               U32(23) + U64(heap) + U32(1))},
       {0x0C, AttributeMessage("versions", VariableStringType(), Dataspace({2}),
                               U32(5) + U64(heap) + U32(2) + U32(0) + U64(0) + U32(0))},
       {0x0C, AttributeMessage("layer_names", FixedStringType(8, 1), Dataspace({2}), layer_names)},
       {0x0C, AttributeMessage("counts", IntType(4, false, true), Dataspace({2}),
                               std::string("\x00\x00\x01\x02"
                                           "\xff\xff\xff\xff",
                                           8))},
       {0x0C, AttributeMessage("scale", FloatType(8, false), Dataspace({}),
                               std::string("\x00\x00\x00\x00\x00\x00\xf8\x3f", 8))},
       {0x0C, AttributeMessage("record", CompoundType(), Dataspace({}), U32(0))}});
  return file.Finish(root);
}

template <typename T>
std::vector<T> Values(const std::string& bytes) {
  std::vector<T> values(bytes.size() / sizeof(T));
  std::memcpy(values.data(), bytes.data(), values.size() * sizeof(T));
  return values;
}

class Hdf5SyntheticTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<File> opened = File::Open(WriteTemp("synthetic.h5", BuildFile()));
    ASSERT_TRUE(opened.ok()) << opened.status();
    file_ = std::make_unique<File>(*std::move(opened));
  }
  std::unique_ptr<File> file_;
};

TEST_F(Hdf5SyntheticTest, LinksInFileOrderAcrossContinuationBlocks) {
  EXPECT_EQ(file_->root().child_names(), std::vector<std::string>{"weights"});
  absl::StatusOr<Group> weights = file_->root().OpenGroup("weights");
  ASSERT_TRUE(weights.ok()) << weights.status();
  EXPECT_EQ(weights->path(), "/weights");
  EXPECT_EQ(weights->child_names(), (std::vector<std::string>{"kernel:0", "steps", "big", "half"}));
  EXPECT_EQ(file_->root().attribute_names(),
            (std::vector<std::string>{"model_config", "versions", "layer_names", "counts", "scale",
                                      "record"}));
}

TEST_F(Hdf5SyntheticTest, ChunkedDeflatedShuffledDataset) {
  absl::StatusOr<Dataset> kernel = file_->root().ReadDataset("weights/kernel:0");
  ASSERT_TRUE(kernel.ok()) << kernel.status();
  EXPECT_EQ(kernel->kind, ElementKind::kFloat);
  EXPECT_EQ(kernel->element_size, 4u);
  EXPECT_EQ(kernel->shape, (std::vector<uint64_t>{5, 3}));
  std::vector<float> expected(15);
  for (int i = 0; i < 15; ++i) expected[i] = static_cast<float>(i);
  EXPECT_EQ(Values<float>(kernel->bytes), expected);
}

TEST_F(Hdf5SyntheticTest, CompactBigEndianAndHalfDatasets) {
  absl::StatusOr<Dataset> steps = file_->root().ReadDataset("weights/steps");
  ASSERT_TRUE(steps.ok()) << steps.status();
  EXPECT_EQ(steps->kind, ElementKind::kInt);
  EXPECT_EQ(Values<int16_t>(steps->bytes), (std::vector<int16_t>{1, -2, 300, -32768}));
  absl::StatusOr<Dataset> big = file_->root().ReadDataset("weights/big");
  ASSERT_TRUE(big.ok()) << big.status();
  EXPECT_EQ(Values<float>(big->bytes), (std::vector<float>{1.0f, -2.0f, 3.14159274f}));
  absl::StatusOr<Dataset> half = file_->root().ReadDataset("weights/half");
  ASSERT_TRUE(half.ok()) << half.status();
  EXPECT_EQ(half->element_size, 2u);
  EXPECT_EQ(half->shape, (std::vector<uint64_t>{3, 1}));
  EXPECT_EQ(Values<uint16_t>(half->bytes), (std::vector<uint16_t>{0x3C00, 0xC000, 0x3800}));
}

TEST_F(Hdf5SyntheticTest, StringAndNumberAttributes) {
  const Group& root = file_->root();
  absl::StatusOr<Attribute> config = root.ReadAttribute("model_config");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->kind, ElementKind::kString);
  EXPECT_EQ(config->element_size, 0u);
  EXPECT_TRUE(config->shape.empty());
  EXPECT_EQ(config->strings, std::vector<std::string>{"{\"class_name\": \"Model\"}"});
  absl::StatusOr<Attribute> versions = root.ReadAttribute("versions");
  ASSERT_TRUE(versions.ok()) << versions.status();
  EXPECT_EQ(versions->strings, (std::vector<std::string>{"2.2.4", ""}));
  absl::StatusOr<Attribute> layers = root.ReadAttribute("layer_names");
  ASSERT_TRUE(layers.ok()) << layers.status();
  EXPECT_EQ(layers->element_size, 8u);
  EXPECT_EQ(layers->strings, (std::vector<std::string>{"dense", "conv_2d"}));
  absl::StatusOr<Attribute> counts = root.ReadAttribute("counts");
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->kind, ElementKind::kUint);
  EXPECT_EQ(Values<uint32_t>(counts->bytes), (std::vector<uint32_t>{0x102, 0xFFFFFFFF}));
  absl::StatusOr<Attribute> scale = root.ReadAttribute("scale");
  ASSERT_TRUE(scale.ok()) << scale.status();
  EXPECT_EQ(Values<double>(scale->bytes), std::vector<double>{1.5});
}

TEST_F(Hdf5SyntheticTest, UnsupportedDatatypeIsNamed) {
  const absl::Status status = file_->root().ReadAttribute("record").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnimplemented);
  EXPECT_TRUE(absl::StrContains(status.message(), "datatype class compound")) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "record")) << status;
}

TEST(Hdf5SyntheticErrorsTest, CorruptDeflatedChunk) {
  absl::StatusOr<File> file = File::Open(WriteTemp("corrupt_chunk.h5", BuildFile(true)));
  ASSERT_TRUE(file.ok()) << file.status();
  const absl::Status status = file->root().ReadDataset("weights/kernel:0").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "inflate")) << status;
}

TEST(Hdf5SyntheticErrorsTest, ChecksumMismatches) {
  const std::string original = BuildFile();
  std::string bytes = original;
  bytes[11] ^= 0x01;  // superblock: file consistency flags
  absl::Status status = File::Open(WriteTemp("bad_superblock.h5", bytes)).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "superblock checksum mismatch")) << status;
  for (const std::string signature : {"OHDR", "OCHK"}) {
    bytes = original;
    const size_t at = bytes.rfind(signature);  // the root header; the weights' continuation
    bytes[at + 4 + 1 + 1 + 4 + 1] ^= 0x01;     // a message size
    absl::StatusOr<File> file = File::Open(WriteTemp("bad_header.h5", bytes));
    status = file.ok() ? file->root().OpenGroup("weights").status() : file.status();
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << signature;
    EXPECT_TRUE(absl::StrContains(status.message(), "object header checksum mismatch")) << status;
    EXPECT_TRUE(absl::StrContains(status.message(), absl::StrCat("byte offset ", at))) << status;
  }
}

TEST(Hdf5SyntheticErrorsTest, OverwrittenBytesNeverCrash) {
  const std::string original = BuildFile();
  const std::string path = WriteTemp("synthetic_overwritten.h5", original);
  for (const char value : {'\xff', '\0', '\x7f'}) {
    for (size_t at = 0; at < original.size(); ++at) {
      std::string bytes = original;
      bytes[at] = value;
      WriteTemp("synthetic_overwritten.h5", bytes);
      absl::StatusOr<File> file = File::Open(path);
      if (!file.ok()) continue;
      for (const std::string& name : file->root().attribute_names()) {
        file->root().ReadAttribute(name).IgnoreError();
      }
      for (const char* dataset : {"weights/kernel:0", "weights/steps", "weights/big"}) {
        file->root().ReadDataset(dataset).IgnoreError();
      }
    }
  }
}

}  // namespace
}  // namespace tfjs::converter::hdf5::testing
