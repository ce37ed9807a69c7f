// Frozen graphs with Consts of 16 MiB and more convert with their values held by reference: the
// same files as with every value in memory, and a graph past protobuf's 2 GiB limit converts in
// bounded memory.
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "converter/cli/convert.h"
#include "converter/frozen_model.h"
#include "converter/readers/frozen_graph_reader.h"
#include "converter/readers/saved_model_reader.h"
#include "converter/writer/graph_model_writer.h"
#include "converter/writer/tf_model_writers.h"
#include "converter/writer/weight_shards.h"
#include "gtest/gtest.h"
#include "testdata/tools/big_frozen_graph_writer.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kMiB = int64_t{1} << 20;
constexpr int64_t kDefaultShardBytes = 4 * kMiB;

// A fresh directory, removed again when the test ends.
class ScratchDir {
 public:
  explicit ScratchDir(const fs::path& dir) : dir_(dir) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~ScratchDir() {
    std::error_code error;
    fs::remove_all(dir_, error);
  }
  const fs::path& path() const { return dir_; }

 private:
  fs::path dir_;
};

fs::path TestTmpDir() { return fs::path(std::getenv("TEST_TMPDIR")); }

// A directory `name` where gigabytes can be written fast: in a tmpfs /dev/shm with room for
// them, else in TEST_TMPDIR. (On a disk, writing the 2.3 GiB output is bound by its write speed:
// 30 MB/s on a busy VM.)
fs::path FastScratchDir(const std::string& name, int64_t bytes_needed) {
  struct statvfs shm;
  if (statvfs("/dev/shm", &shm) == 0 && access("/dev/shm", W_OK) == 0 &&
      static_cast<int64_t>(shm.f_bavail) * static_cast<int64_t>(shm.f_frsize) > bytes_needed) {
    return fs::path("/dev/shm") / absl::StrCat(name, ".", getpid());
  }
  return TestTmpDir() / name;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// Reads the shard files of weight group 1 in `dir` as one stream of bytes.
class ShardStream {
 public:
  ShardStream(const fs::path& dir, int64_t total_bytes)
      : dir_(dir), names_(ShardFileNames(1, total_bytes, kDefaultShardBytes)) {}

  // The next out.size() bytes; false when the shards end first.
  bool Read(absl::Span<char> out) {
    size_t filled = 0;
    while (filled < out.size()) {
      if (!file_.is_open() || file_.peek() == std::char_traits<char>::eof()) {
        file_.close();
        if (next_ == names_.size()) return false;
        file_.open(dir_ / names_[next_++], std::ios::binary);
        if (!file_) return false;
        continue;
      }
      file_.read(out.data() + filled, static_cast<std::streamsize>(out.size() - filled));
      filled += static_cast<size_t>(file_.gcount());
      file_.clear();
    }
    return true;
  }

  // Whether every shard was read to its end.
  bool AtEnd() {
    return next_ == names_.size() &&
           (!file_.is_open() || file_.peek() == std::char_traits<char>::eof());
  }

 private:
  fs::path dir_;
  std::vector<std::string> names_;
  size_t next_ = 0;
  std::ifstream file_;
};

// Checks that the shards in `dir` hold the big graph's weights in graph order: every Const's
// bytes, then the int32 axis 0.
void ExpectBigGraphShards(const fs::path& dir, const testdata::BigFrozenGraphSpec& spec) {
  const int64_t total = spec.consts * spec.const_bytes + 4;
  ShardStream shards(dir, total);
  std::vector<char> expected(kMiB);
  std::vector<char> actual(kMiB);
  for (int index = 0; index < spec.consts; ++index) {
    for (int64_t offset = 0; offset < spec.const_bytes; offset += kMiB) {
      const size_t size = static_cast<size_t>(std::min(kMiB, spec.const_bytes - offset));
      testdata::BigConstBytes(spec, index, static_cast<uint64_t>(offset),
                              absl::MakeSpan(expected.data(), size));
      ASSERT_TRUE(shards.Read(absl::MakeSpan(actual.data(), size)))
          << "shards end inside w" << index;
      ASSERT_EQ(std::memcmp(expected.data(), actual.data(), size), 0)
          << "w" << index << " differs in bytes [" << offset << ", " << offset + size << ")";
    }
  }
  char axis[4];
  ASSERT_TRUE(shards.Read(absl::MakeSpan(axis, 4)));
  EXPECT_EQ(std::string(axis, 4), std::string(4, '\0'));
  EXPECT_TRUE(shards.AtEnd());
}

absl::Status Convert(const fs::path& graph, const fs::path& output) {
  ConverterFlags flags;
  flags.input_format = "tf_frozen_model";
  flags.output_node_names = testdata::kBigGraphOutput;
  flags.input_path = graph.string();
  flags.output_path = output.string();
  std::ostringstream log;
  return RunConverter(flags, log);
}

// Two 17 MiB Consts: held by reference, and the files are byte for byte those written from the
// same graph with every value in memory; from a saved_model.pb too.
TEST(BigFrozenGraphTest, ReferencedConstsWriteTheSameFilesAsInMemoryOnes) {
  const ScratchDir scratch(FastScratchDir("referenced", int64_t{1} << 30));
  const fs::path& dir = scratch.path();
  testdata::BigFrozenGraphSpec spec;
  spec.consts = 2;
  spec.const_bytes = 17 * kMiB + 8;
  spec.sparse = false;
  const fs::path graph = dir / "graph.pb";
  ASSERT_TRUE(testdata::WriteBigFrozenGraph(graph.string(), spec).ok());

  absl::StatusOr<FrozenModel> model = ReadFrozenModel(graph.string(), {"concat"});
  ASSERT_TRUE(model.ok()) << model.status();
  ASSERT_EQ(model->external_weights.size(), 2u);
  EXPECT_EQ(model->external_weights.at("w1").size, static_cast<uint64_t>(spec.const_bytes));

  ASSERT_TRUE(WriteGraphModel(*model, (dir / "by_reference").string(), {}).ok());
  ExpectBigGraphShards(dir / "by_reference", spec);

  ASSERT_TRUE(MaterializeAllConsts(&*model).ok());
  ASSERT_TRUE(model->external_weights.empty());
  ASSERT_TRUE(WriteGraphModel(*model, (dir / "in_memory").string(), {}).ok());
  const std::vector<std::string> names =
      ShardFileNames(1, 2 * spec.const_bytes + 4, kDefaultShardBytes);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(ReadFile(dir / "by_reference" / name) == ReadFile(dir / "in_memory" / name));
  }
  EXPECT_EQ(ReadFile(dir / "by_reference" / "model.json"),
            ReadFile(dir / "in_memory" / "model.json"));

  // The same graph in a saved_model.pb: its Consts are held by reference into that file, and the
  // weights come out the same.
  ASSERT_TRUE(WriteSavedModel(*model, (dir / "saved_model").string()).ok());
  absl::StatusOr<FrozenModel> saved = ReadSavedModel((dir / "saved_model").string(), {});
  ASSERT_TRUE(saved.ok()) << saved.status();
  ASSERT_EQ(saved->external_weights.size(), 2u);
  EXPECT_EQ(saved->external_weights.at("w0").path, (dir / "saved_model" / "saved_model.pb"));
  ASSERT_TRUE(WriteGraphModel(*saved, (dir / "from_saved_model").string(), {}).ok());
  ExpectBigGraphShards(dir / "from_saved_model", spec);
}

// Four Consts of 600 MiB: a 2.3 GiB GraphDef, which protobuf cannot parse, converts; every weight
// byte lands in the shards and the process never holds more than a sliver of them.
TEST(BigFrozenGraphTest, GraphOverTwoGiBConvertsInBoundedMemory) {
  // The input is sparse (a few KiB on disk); the output takes 2.3 GiB, twice that to be safe.
  const ScratchDir scratch(FastScratchDir("over_2gib", int64_t{5} << 30));
  const fs::path& dir = scratch.path();
  testdata::BigFrozenGraphSpec spec;
  spec.consts = 4;
  spec.const_bytes = 600 * kMiB;
  const fs::path graph = dir / "graph.pb";
  ASSERT_TRUE(testdata::WriteBigFrozenGraph(graph.string(), spec).ok());
  ASSERT_GT(fs::file_size(graph), uintmax_t{1} << 31);

  const absl::Status status = Convert(graph, dir / "web_model");
  ASSERT_TRUE(status.ok()) << status;
  ExpectBigGraphShards(dir / "web_model", spec);

  struct rusage usage;
  ASSERT_EQ(getrusage(RUSAGE_SELF, &usage), 0);
  const int64_t peak_rss = static_cast<int64_t>(usage.ru_maxrss) * 1024;  // ru_maxrss: KiB.
  EXPECT_LT(peak_rss, 300 * kMiB) << "peak RSS " << peak_rss / kMiB << " MiB";
}

}  // namespace
}  // namespace tfjs::converter
