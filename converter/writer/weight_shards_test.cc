#include "converter/writer/weight_shards.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "converter/readers/checkpoint/crc32c.h"
#include "gtest/gtest.h"
#include "tools/testing/test_files.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

using ::tfjs::test_files::ReadFile;

// Bytes that differ at every position, so misplaced ranges show.
std::string Pattern(size_t size, int seed) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; ++i)
    bytes[i] = static_cast<char>((i * 131 + seed * 7 + i / 251) & 0xff);
  return bytes;
}

class WeightShardWriterTest : public ::testing::TestWithParam<CopyMethod> {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    root_ = fs::path(std::getenv("TEST_TMPDIR")) /
            (std::string(test->name()) + "_" + std::to_string(static_cast<int>(GetParam())));
    fs::remove_all(root_);
    fs::create_directories(root_ / "out");
    data_ = Pattern(3 * 1024 * 1024 + 77, 1);
    data_path_ = (root_ / "variables.data-00000-of-00001").string();
    std::ofstream(data_path_, std::ios::binary) << data_;
  }

  // The bytes [offset, offset + size) of the data file, with their true crc.
  WeightSource Source(uint64_t offset, uint64_t size, const std::string& key) const {
    WeightSource source;
    source.path = data_path_;
    source.offset = offset;
    source.size = size;
    source.crc32c = crc32c::Value(absl::string_view(data_).substr(offset, size));
    source.dtype = tensorflow::DT_FLOAT;
    source.checkpoint_key = key;
    return source;
  }

  // The shard files' bytes, concatenated.
  std::string Shards(int64_t total, int64_t shard_size) const {
    std::string all;
    for (const std::string& name : ShardFileNames(1, total, shard_size)) {
      all += ReadFile(root_ / "out" / name);
    }
    return all;
  }

  fs::path root_;
  std::string data_;
  std::string data_path_;
};

// Pieces from the data file and from memory, interleaved, straddling shard boundaries (shards of
// 1 MiB + 3 bytes, a 2 MiB file piece spanning three of the four): the shards hold them in order.
TEST_P(WeightShardWriterTest, FilePiecesAndMemoryPiecesLandInOrderAcrossShards) {
  const std::string small = Pattern(1000, 2);
  const std::string large = Pattern(1536 * 1024, 3);
  const WeightSource first = Source(12, 2 * 1024 * 1024, "layer/kernel");
  const WeightSource second = Source(2 * 1024 * 1024 + 100, 4096, "layer/bias");
  const int64_t total = small.size() + first.size + large.size() + second.size + small.size();
  const int64_t shard_size = 1024 * 1024 + 3;
  absl::StatusOr<WeightShardWriter> writer =
      WeightShardWriter::Open((root_ / "out").string(), 1, total, shard_size, GetParam());
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE(writer->Append(small).ok());
  absl::Status status = writer->AppendFromFile(first);
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_TRUE(writer->Append(large).ok());
  status = writer->AppendFromFile(second);
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_TRUE(writer->Append(small).ok());
  status = writer->Finish();
  ASSERT_TRUE(status.ok()) << status;

  const std::string expected = small + data_.substr(first.offset, first.size) + large +
                               data_.substr(second.offset, second.size) + small;
  const std::vector<std::string> names = ShardFileNames(1, total, shard_size);
  ASSERT_EQ(names.size(), 4u);
  EXPECT_EQ(fs::file_size(root_ / "out" / names[0]), static_cast<uintmax_t>(shard_size));
  EXPECT_EQ(fs::file_size(root_ / "out" / names[2]), static_cast<uintmax_t>(shard_size));
  EXPECT_TRUE(Shards(total, shard_size) == expected);
}

// The crc is checked on another thread: the mismatch comes from Finish at the latest.
TEST_P(WeightShardWriterTest, CrcMismatchNamesTheDataFileAndTheVariable) {
  WeightSource source = Source(4, 64 * 1024, "dense/kernel");
  source.crc32c ^= 1;
  absl::StatusOr<WeightShardWriter> writer =
      WeightShardWriter::Open((root_ / "out").string(), 1, source.size, 1 << 20, GetParam());
  ASSERT_TRUE(writer.ok());
  absl::Status status = writer->AppendFromFile(source);
  if (status.ok()) status = writer->Finish();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_TRUE(absl::StrContains(status.message(), data_path_)) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "'dense/kernel'")) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "crc32c mismatch")) << status;
}

// A GraphDef's tensor_content has no checksum: whatever crc32c field it holds is not checked.
TEST_P(WeightShardWriterTest, SourceWithoutCrcIsCopiedUnchecked) {
  WeightSource source = Source(4, 64 * 1024 + 5, "graph/const");
  source.has_crc32c = false;
  source.crc32c ^= 1;
  absl::StatusOr<WeightShardWriter> writer =
      WeightShardWriter::Open((root_ / "out").string(), 1, source.size, 1 << 20, GetParam());
  ASSERT_TRUE(writer.ok());
  absl::Status status = writer->AppendFromFile(source);
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_TRUE(Shards(source.size, 1 << 20) == data_.substr(source.offset, source.size));
}

TEST_P(WeightShardWriterTest, SourceShorterThanItsRangeIsAnError) {
  // Describes bytes past the end of the data file (the file shrank after it was indexed).
  WeightSource source = Source(data_.size() - 100, 100, "w");
  source.size = 300;
  absl::StatusOr<WeightShardWriter> writer =
      WeightShardWriter::Open((root_ / "out").string(), 1, source.size, 1 << 20, GetParam());
  ASSERT_TRUE(writer.ok());
  absl::Status status = writer->AppendFromFile(source);
  if (status.ok()) status = writer->Finish();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), data_path_)) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "'w'")) << status;
}

TEST_P(WeightShardWriterTest, MissingDataFileIsAnError) {
  WeightSource source = Source(0, 10, "w");
  source.path = (root_ / "gone").string();
  absl::StatusOr<WeightShardWriter> writer =
      WeightShardWriter::Open((root_ / "out").string(), 1, source.size, 1 << 20, GetParam());
  ASSERT_TRUE(writer.ok());
  const absl::Status status = writer->AppendFromFile(source);
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(absl::StrContains(status.message(), source.path)) << status;
}

TEST_P(WeightShardWriterTest, MoreBytesThanAnnouncedFail) {
  absl::StatusOr<WeightShardWriter> writer =
      WeightShardWriter::Open((root_ / "out").string(), 1, 8, 1 << 20, GetParam());
  ASSERT_TRUE(writer.ok());
  EXPECT_FALSE(writer->AppendFromFile(Source(0, 9, "w")).ok());
  ASSERT_TRUE(writer->AppendFromFile(Source(0, 8, "w")).ok());
  EXPECT_TRUE(writer->Finish().ok());
  EXPECT_EQ(ReadFile(root_ / "out" / "group1-shard1of1.bin"), data_.substr(0, 8));
}

INSTANTIATE_TEST_SUITE_P(BothCopyMethods, WeightShardWriterTest,
                         ::testing::Values(CopyMethod::kCopyFileRange, CopyMethod::kReadWrite),
                         [](const ::testing::TestParamInfo<CopyMethod>& info) {
                           return info.param == CopyMethod::kCopyFileRange
                                      ? std::string("CopyFileRange")
                                      : std::string("ReadWrite");
                         });

}  // namespace
}  // namespace tfjs::converter
