// Bad input gives errors naming the file and byte offset, never a crash: missing files, wrong
// signatures, truncation, corrupted addresses and signatures, and bytes overwritten throughout.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "converter/readers/corpus_case.h"
#include "converter/readers/hdf5/hdf5_file.h"
#include "gtest/gtest.h"

namespace tfjs::converter::hdf5 {
namespace {

using ::tfjs::converter::testing::CorpusRoot;

// A small Sequential model (Dense + ReLU) written by h5py: superblock 0, symbol-table groups.
std::string ModelPath() {
  return CorpusRoot() + "/keras/keras__examples__activations__ReLU_3/model.h5";
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string WriteTemp(const std::string& name, const std::string& bytes) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = absl::StrCat(dir != nullptr ? dir : "/tmp", "/", name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

void PutUint64(std::string& bytes, size_t offset, uint64_t value) {
  for (int i = 0; i < 8; ++i) bytes[offset + i] = static_cast<char>(value >> (8 * i));
}

// Reads every group, attribute and dataset below `group`; returns the first error.
absl::Status ReadEverything(const Group& group, int depth = 0) {
  if (depth > 16) return absl::OkStatus();
  for (const std::string& name : group.attribute_names()) {
    if (absl::Status s = group.ReadAttribute(name).status(); !s.ok()) return s;
  }
  for (const std::string& name : group.child_names()) {
    absl::StatusOr<ObjectKind> kind = group.ChildKind(name);
    if (!kind.ok()) return kind.status();
    if (*kind == ObjectKind::kDataset) {
      if (absl::Status s = group.ReadDataset(name).status(); !s.ok()) return s;
      continue;
    }
    absl::StatusOr<Group> child = group.OpenGroup(name);
    if (!child.ok()) return child.status();
    if (absl::Status s = ReadEverything(*child, depth + 1); !s.ok()) return s;
  }
  return absl::OkStatus();
}

absl::Status OpenAndReadEverything(const std::string& path) {
  absl::StatusOr<File> file = File::Open(path);
  if (!file.ok()) return file.status();
  return ReadEverything(file->root());
}

TEST(Hdf5ErrorsTest, TheIntactModelReadsFully) {
  EXPECT_TRUE(OpenAndReadEverything(ModelPath()).ok());
}

TEST(Hdf5ErrorsTest, MissingFile) {
  absl::StatusOr<File> file = File::Open("/nonexistent/model.h5");
  EXPECT_EQ(file.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(absl::StrContains(file.status().message(), "/nonexistent/model.h5"));
}

TEST(Hdf5ErrorsTest, WrongSignature) {
  std::string bytes = ReadBytes(ModelPath());
  bytes[1] = 'X';  // "\x89XDF..."
  const std::string path = WriteTemp("wrong_signature.h5", bytes);
  absl::StatusOr<File> file = File::Open(path);
  EXPECT_EQ(file.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(file.status().message(), "not an HDF5 file")) << file.status();
  EXPECT_TRUE(absl::StrContains(file.status().message(), path));
}

TEST(Hdf5ErrorsTest, TruncatedFiles) {
  const std::string bytes = ReadBytes(ModelPath());
  for (const size_t size :
       {size_t{0}, size_t{7}, size_t{40}, size_t{100}, bytes.size() / 2, bytes.size() - 1}) {
    const std::string path = WriteTemp("truncated.h5", bytes.substr(0, size));
    const absl::Status status = OpenAndReadEverything(path);
    EXPECT_FALSE(status.ok()) << size;
    EXPECT_TRUE(absl::StrContains(status.message(), path)) << status;
    if (size >= 100) {
      EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
      EXPECT_TRUE(absl::StrContains(status.message(), "truncated")) << status;
    }
  }
}

TEST(Hdf5ErrorsTest, RootAddressOutsideTheFile) {
  std::string bytes = ReadBytes(ModelPath());
  // Superblock 0 with 8-byte addresses: the root symbol table entry starts at byte 56; its
  // object header address is its second field.
  PutUint64(bytes, 64, bytes.size() + 1000);
  const absl::Status status = File::Open(WriteTemp("root_outside.h5", bytes)).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "object header")) << status;
  EXPECT_TRUE(
      absl::StrContains(status.message(), absl::StrCat("byte offset ", bytes.size() + 1000)))
      << status;
}

TEST(Hdf5ErrorsTest, CorruptedStructureSignatures) {
  const std::string original = ReadBytes(ModelPath());
  for (const std::string signature : {"TREE", "HEAP", "SNOD", "GCOL"}) {
    std::string bytes = original;
    const size_t at = bytes.find(signature);
    ASSERT_NE(at, std::string::npos) << signature;
    bytes[at] = 'X';
    const absl::Status status =
        OpenAndReadEverything(WriteTemp(absl::StrCat("bad_", signature, ".h5"), bytes));
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << signature;
    EXPECT_TRUE(absl::StrContains(status.message(), absl::StrCat("\"", signature, "\""))) << status;
    EXPECT_TRUE(absl::StrContains(status.message(), absl::StrCat("byte offset ", at))) << status;
  }
}

TEST(Hdf5ErrorsTest, DatasetAddressOutsideTheFile) {
  std::string bytes = ReadBytes(ModelPath());
  absl::StatusOr<File> file = File::Open(ModelPath());
  ASSERT_TRUE(file.ok()) << file.status();
  absl::StatusOr<Dataset> kernel = file->root().ReadDataset("model_weights/dense/dense/kernel:0");
  ASSERT_TRUE(kernel.ok()) << kernel.status();
  // The contiguous layout message holds the data's address, then its size (8 bytes each).
  const uint64_t data_offset = bytes.find(kernel->bytes);
  std::string address_and_size(16, '\0');
  PutUint64(address_and_size, 0, data_offset);
  PutUint64(address_and_size, 8, kernel->bytes.size());
  const size_t layout_field = bytes.find(address_and_size);
  ASSERT_NE(layout_field, std::string::npos);
  PutUint64(bytes, layout_field, uint64_t{1} << 40);
  absl::StatusOr<File> corrupt = File::Open(WriteTemp("bad_layout.h5", bytes));
  ASSERT_TRUE(corrupt.ok()) << corrupt.status();
  const absl::Status status =
      corrupt->root().ReadDataset("model_weights/dense/dense/kernel:0").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "lies outside the file")) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "kernel:0")) << status;
}

TEST(Hdf5ErrorsTest, MissingMembersAndWrongKinds) {
  absl::StatusOr<File> file = File::Open(ModelPath());
  ASSERT_TRUE(file.ok()) << file.status();
  const Group& root = file->root();
  EXPECT_EQ(root.OpenGroup("model_weights/nope").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(root.ReadAttribute("nope").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(root.ReadDataset("model_weights/dense").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(root.OpenGroup("model_weights/dense/dense/kernel:0").status().code(),
            absl::StatusCode::kInvalidArgument);
}

// Every byte overwritten in turn (with 0xFF, then 0x00): reading may fail or not, but must
// neither crash nor allocate without bound.
TEST(Hdf5ErrorsTest, OverwrittenBytesNeverCrash) {
  const std::string original = ReadBytes(ModelPath());
  const std::string path = WriteTemp("overwritten.h5", original);
  int failures = 0;
  for (const char value : {'\xff', '\0'}) {
    for (size_t at = 0; at < original.size(); at += 3) {
      std::string bytes = original;
      bytes[at] = value;
      WriteTemp("overwritten.h5", bytes);
      if (!OpenAndReadEverything(path).ok()) ++failures;
    }
  }
  EXPECT_GT(failures, 0);
}

}  // namespace
}  // namespace tfjs::converter::hdf5
