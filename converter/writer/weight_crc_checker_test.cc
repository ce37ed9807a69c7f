#include "converter/writer/weight_crc_checker.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "converter/readers/checkpoint/crc32c.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

std::string Pattern(size_t size) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>((i * 29 + i / 257) & 0xff);
  return bytes;
}

class WeightCrcCheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = (fs::path(std::getenv("TEST_TMPDIR")) / (std::string(test->name()) + ".data")).string();
    data_ = Pattern(3 * 1024 * 1024 + 13);
    std::ofstream(path_, std::ios::binary) << data_;
  }

  std::shared_ptr<const WeightSource> Source(uint64_t offset, uint64_t size,
                                             const std::string& key) const {
    auto source = std::make_shared<WeightSource>();
    source->path = path_;
    source->offset = offset;
    source->size = size;
    source->crc32c = crc32c::Value(absl::string_view(data_).substr(offset, size));
    source->checkpoint_key = key;
    return source;
  }

  // Queues the source's range in pieces of `piece` bytes.
  static void CheckInPieces(WeightCrcChecker& checker,
                            const std::shared_ptr<const WeightSource>& source, uint64_t piece) {
    for (uint64_t at = 0; at < source->size; at += piece) {
      checker.Check(source, source->offset + at, std::min(piece, source->size - at));
    }
  }

  std::string path_;
  std::string data_;
};

TEST_F(WeightCrcCheckerTest, MatchingSourcesInManyPiecesPass) {
  WeightCrcChecker checker;
  CheckInPieces(checker, Source(7, 2 * 1024 * 1024 + 1, "a"), 300 * 1024 + 5);
  CheckInPieces(checker, Source(0, 100, "b"), 100);
  checker.Check(Source(50, 0, "empty"), 50, 0);
  CheckInPieces(checker, Source(1000, 1024 * 1024, "c"), 4096);
  const absl::Status status = checker.Finish();
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_TRUE(checker.status().ok());
}

TEST_F(WeightCrcCheckerTest, MismatchNamesTheDataFileAndTheKeyAndStays) {
  WeightCrcChecker checker;
  CheckInPieces(checker, Source(0, 4096, "before"), 1000);
  auto corrupt = std::make_shared<WeightSource>(*Source(5, 2 * 1024 * 1024, "dense/kernel"));
  corrupt->crc32c ^= 1;
  CheckInPieces(checker, corrupt, 1 << 20);
  CheckInPieces(checker, Source(0, 4096, "after"), 4096);
  const absl::Status status = checker.Finish();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), path_)) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "'dense/kernel'")) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "crc32c mismatch")) << status;
  EXPECT_EQ(checker.status(), status);
}

TEST_F(WeightCrcCheckerTest, EmptySourceWithANonzeroCrcFails) {
  WeightCrcChecker checker;
  auto empty = std::make_shared<WeightSource>(*Source(0, 0, "e"));
  empty->crc32c = 1;
  checker.Check(empty, 0, 0);
  EXPECT_EQ(checker.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(checker.Finish().code(), absl::StatusCode::kDataLoss);
}

TEST_F(WeightCrcCheckerTest, RangePastTheEndOfTheFileNamesFileAndKey) {
  WeightCrcChecker checker;
  auto past_end = std::make_shared<WeightSource>(*Source(data_.size() - 10, 10, "w"));
  past_end->size = 30;
  checker.Check(past_end, past_end->offset, past_end->size);
  const absl::Status status = checker.Finish();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), path_)) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "'w'")) << status;
}

TEST_F(WeightCrcCheckerTest, DestroyingWithPiecesQueuedStopsTheThread) {
  auto checker = std::make_unique<WeightCrcChecker>();
  for (int i = 0; i < 50; ++i) CheckInPieces(*checker, Source(0, data_.size(), "w"), 1 << 20);
  checker.reset();  // Must return without checking everything (and without crashing).
}

}  // namespace
}  // namespace tfjs::converter
