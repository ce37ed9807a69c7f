#include "converter/writer/file_range_copy.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "converter/readers/checkpoint/crc32c.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

std::string Pattern(size_t size) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>((i * 7 + i / 509) & 0xff);
  return bytes;
}

std::string ReadAll(int fd) {
  std::string contents;
  char chunk[65536];
  for (off_t at = 0;;) {
    const ssize_t n = ::pread(fd, chunk, sizeof(chunk), at);
    if (n <= 0) return contents;
    contents.append(chunk, static_cast<size_t>(n));
    at += n;
  }
}

class AppendFileRangeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string dir = std::getenv("TEST_TMPDIR");
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    to_.path = dir + "/" + test->name() + ".out";
    to_.fd = ::open(to_.path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    ASSERT_GE(to_.fd, 0);
    data_ = Pattern(20 * 1024 * 1024 + 5);  // Many buffers (and copy_file_range calls) long.
  }
  void TearDown() override {
    ::close(to_.fd);
    if (from_.fd >= 0) ::close(from_.fd);
  }

  // The source as a file beside the output (same file system: the kernel copies).
  void SourceOnDisk() {
    from_.path = to_.path + ".in";
    from_.fd = ::open(from_.path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    ASSERT_GE(from_.fd, 0);
    ASSERT_EQ(::write(from_.fd, data_.data(), data_.size()), static_cast<ssize_t>(data_.size()));
  }

  // The source in a memfd: another file system than the output's, where copy_file_range answers
  // EXDEV.
  void SourceInMemfd() {
    from_.path = "memfd:source";
    from_.fd = ::memfd_create("source", MFD_CLOEXEC);
    ASSERT_GE(from_.fd, 0);
    ASSERT_EQ(::write(from_.fd, data_.data(), data_.size()), static_cast<ssize_t>(data_.size()));
  }

  OpenFile from_;
  OpenFile to_;
  std::string data_;
  std::vector<char> buffer_ = std::vector<char>(4096 + 3);
};

TEST_F(AppendFileRangeTest, CopiesInKernel) {
  SourceOnDisk();
  ASSERT_EQ(::write(to_.fd, "head", 4), 4);
  CopyMethod method = CopyMethod::kCopyFileRange;
  const uint64_t offset = 4097;
  const uint64_t length = data_.size() - offset - 11;
  absl::Status status =
      AppendFileRange(from_, offset, length, to_, &method, absl::MakeSpan(buffer_));
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(method, CopyMethod::kCopyFileRange);
  EXPECT_TRUE(ReadAll(to_.fd) == "head" + data_.substr(offset, length));
}

TEST_F(AppendFileRangeTest, FallsBackToReadAndWriteWhenTheKernelRefuses) {
  SourceInMemfd();
  CopyMethod method = CopyMethod::kCopyFileRange;
  absl::Status status =
      AppendFileRange(from_, 3, data_.size() - 3, to_, &method, absl::MakeSpan(buffer_));
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(method, CopyMethod::kReadWrite);
  EXPECT_TRUE(ReadAll(to_.fd) == data_.substr(3));
}

TEST_F(AppendFileRangeTest, ReadWriteCopiesThroughTheBuffer) {
  SourceOnDisk();
  CopyMethod method = CopyMethod::kReadWrite;
  absl::Status status = AppendFileRange(from_, 0, 100000, to_, &method, absl::MakeSpan(buffer_));
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_TRUE(ReadAll(to_.fd) == data_.substr(0, 100000));
}

TEST_F(AppendFileRangeTest, RangePastTheEndIsDataLossNamingTheFile) {
  SourceOnDisk();
  for (CopyMethod start : {CopyMethod::kCopyFileRange, CopyMethod::kReadWrite}) {
    CopyMethod method = start;
    absl::Status status =
        AppendFileRange(from_, data_.size() - 10, 20, to_, &method, absl::MakeSpan(buffer_));
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
    EXPECT_NE(status.message().find(from_.path), std::string::npos) << status;
  }
}

TEST_F(AppendFileRangeTest, ExtendCrcFromFileReadsTheRangeThroughTheBuffer) {
  SourceOnDisk();
  uint32_t crc = crc32c::Value("prefix");
  const uint64_t offset = 4097;
  const uint64_t length = data_.size() - offset - 11;
  absl::Status status = ExtendCrcFromFile(from_, offset, length, absl::MakeSpan(buffer_), &crc);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(crc, crc32c::Extend(crc32c::Value("prefix"),
                                absl::string_view(data_).substr(offset, length)));

  status = ExtendCrcFromFile(from_, data_.size() - 10, 20, absl::MakeSpan(buffer_), &crc);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_NE(status.message().find(from_.path), std::string::npos) << status;
}

}  // namespace
}  // namespace tfjs::converter
