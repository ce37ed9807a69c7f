#include "converter/readers/hub/tar_archive.h"

#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "tools/testing/test_files.h"

namespace tfjs::converter {
namespace {

namespace fs = std::filesystem;

using ::tfjs::test_files::ReadFile;

// Builds tar archives entry by entry (ustar headers, checksummed).
class TarBuilder {
 public:
  TarBuilder& Entry(const std::string& name, char type, const std::string& data,
                    const std::string& prefix = "") {
    char header[512] = {};
    std::memcpy(header, name.data(), std::min<size_t>(name.size(), 100));
    std::snprintf(header + 100, 8, "%07o", 0644);
    std::snprintf(header + 124, 12, "%011llo", static_cast<unsigned long long>(data.size()));
    header[156] = type;
    std::memcpy(header + 257,
                "ustar\0"
                "00",
                8);
    std::memcpy(header + 345, prefix.data(), std::min<size_t>(prefix.size(), 155));
    std::memset(header + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : header) sum += c;
    std::snprintf(header + 148, 8, "%06o", sum);
    bytes_.append(header, 512);
    bytes_ += data;
    bytes_.append((512 - data.size() % 512) % 512, '\0');
    return *this;
  }
  TarBuilder& File(const std::string& name, const std::string& data) {
    return Entry(name, '0', data);
  }
  std::string Finish() const { return bytes_ + std::string(1024, '\0'); }

 private:
  std::string bytes_;
};

class TarArchiveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(std::getenv("TEST_TMPDIR")) /
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(root_);
    fs::create_directories(root_ / "out");
  }

  std::string Write(const std::string& name, const std::string& bytes) {
    const fs::path path = root_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  std::string WriteGzip(const std::string& name, const std::string& bytes) {
    const fs::path path = root_ / name;
    gzFile file = gzopen(path.c_str(), "wb");
    gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(file);
    return path.string();
  }

  absl::Status Extract(const std::string& archive) {
    return ExtractTarArchive(archive, (root_ / "out").string());
  }

  fs::path root_;
};

// The module archive the BUILD file makes with GNU tar and gzip, as TF-Hub serves modules.
TEST_F(TarArchiveTest, ExtractsGnuTarGzOfAModule) {
  const std::string testdata =
      absl::StrCat(std::getenv("TEST_SRCDIR"), "/tfjs_native/testdata/hub/");
  ASSERT_TRUE(Extract(testdata + "tf1_module.tar.gz").ok());
  for (const char* file : {"saved_model.pb", "tfhub_module.pb", "variables/variables.index",
                           "variables/variables.data-00000-of-00001"}) {
    EXPECT_EQ(ReadFile(root_ / "out" / file), ReadFile(testdata + "tf1_module/module/" + file))
        << file;
  }
}

TEST_F(TarArchiveTest, ReadsUstarPrefixGnuLongNamesPaxPathsAndPlainTar) {
  const std::string long_name = std::string(120, 'n') + "/file";
  const std::string pax_name = "pax/" + std::string(110, 'p');
  // "124 path=...\n": the length counts the whole record, its own three digits included.
  const size_t record_length = 3 + std::strlen(" path=") + pax_name.size() + 1;
  const std::string pax_record = absl::StrCat(record_length, " path=", pax_name, "\n");
  ASSERT_EQ(pax_record.size(), record_length);
  const std::string tar = TarBuilder()
                              .Entry("dir", '5', "")
                              .Entry("inner.txt", '0', "prefixed", "dir/sub")
                              .Entry("././@LongLink", 'L', long_name)
                              .File("truncated-name", "long")
                              .Entry("PaxHeaders/x", 'x', pax_record)
                              .File("short", "pax")
                              .File("./dot/./file", "dots")
                              .Finish();
  ASSERT_TRUE(Extract(WriteGzip("a.tar.gz", tar)).ok());
  EXPECT_EQ(ReadFile(root_ / "out/dir/sub/inner.txt"), "prefixed");
  EXPECT_EQ(ReadFile(root_ / "out" / long_name), "long");
  EXPECT_EQ(ReadFile(root_ / "out" / pax_name), "pax");
  EXPECT_EQ(ReadFile(root_ / "out/dot/file"), "dots");
  EXPECT_FALSE(fs::exists(root_ / "out/truncated-name"));
  EXPECT_FALSE(fs::exists(root_ / "out/short"));

  fs::remove_all(root_ / "out");
  fs::create_directories(root_ / "out");
  ASSERT_TRUE(Extract(Write("plain.tar", TarBuilder().File("f", "plain").Finish())).ok());
  EXPECT_EQ(ReadFile(root_ / "out/f"), "plain");
}

TEST_F(TarArchiveTest, RefusesPathsLeavingTheDirectoryAndLinks) {
  for (const auto& [name, tar] : std::vector<std::pair<std::string, std::string>>{
           {"dotdot", TarBuilder().File("a/../../evil", "x").Finish()},
           {"absolute", TarBuilder().File("/etc/evil", "x").Finish()},
           {"symlink", TarBuilder().Entry("link", '2', "").Finish()},
           {"device", TarBuilder().Entry("dev", '3', "").Finish()}}) {
    absl::Status status = Extract(WriteGzip(name + ".tar.gz", tar));
    EXPECT_FALSE(status.ok()) << name;
    EXPECT_NE(status.message().find(name + ".tar.gz"), std::string::npos) << status;
  }
  EXPECT_FALSE(fs::exists(root_ / "evil"));
  EXPECT_FALSE(fs::exists(root_ / "out/link"));
}

TEST_F(TarArchiveTest, CorruptTruncatedAndNonTarInputsFail) {
  const std::string tar = TarBuilder().File("f", std::string(3000, 'x')).Finish();
  std::string gz = ReadFile(WriteGzip("full.tar.gz", tar));
  absl::Status truncated = Extract(Write("truncated.tar.gz", gz.substr(0, gz.size() / 2)));
  EXPECT_EQ(truncated.code(), absl::StatusCode::kDataLoss) << truncated;
  gz[gz.size() / 2] ^= 0x55;
  EXPECT_FALSE(Extract(Write("corrupt.tar.gz", gz)).ok());
  absl::Status not_tar = Extract(WriteGzip("text.tar.gz", std::string(600, 'z')));
  EXPECT_NE(not_tar.message().find("bad header checksum"), std::string::npos) << not_tar;
  EXPECT_EQ(Extract((root_ / "missing.tar.gz").string()).code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace tfjs::converter
