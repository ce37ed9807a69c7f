#include "tools/npy/npy.h"

#include "gtest/gtest.h"

namespace tfjs::tools {
namespace {

TEST(NpyTest, RoundTripsShapesAndBytes) {
  for (const std::vector<int64_t>& shape :
       std::vector<std::vector<int64_t>>{{}, {3}, {2, 0}, {1, 2, 2}}) {
    NpyArray array{"<i4", shape, std::string(4 * (shape.empty() ? 1 : [&] {
                                   int64_t n = 1;
                                   for (int64_t d : shape) n *= d;
                                   return n;
                                 }()), '\x07')};
    const std::string bytes = EncodeNpy(array);
    EXPECT_EQ((bytes.size() - array.data.size()) % 64, 0u);
    absl::StatusOr<NpyArray> decoded = DecodeNpy(bytes, "t.npy");
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(decoded->descr, "<i4");
    EXPECT_EQ(decoded->shape, shape);
    EXPECT_EQ(decoded->data, array.data);
  }
}

TEST(NpyTest, RejectsBadFilesNamingThem) {
  EXPECT_NE(DecodeNpy("nope", "a.npy").status().message().find("a.npy: not a .npy"),
            std::string::npos);
  std::string truncated = EncodeNpy({"<f4", {4}, std::string(16, '\0')});
  truncated.resize(truncated.size() - 3);
  EXPECT_NE(DecodeNpy(truncated, "b.npy").status().message().find("b.npy: header says 16"),
            std::string::npos);
  std::string big_endian = EncodeNpy({">f4", {1}, std::string(4, '\0')});
  EXPECT_FALSE(DecodeNpy(big_endian, "c.npy").ok());
  // Found by //fuzz:npy_fuzzer: the shape's byte count overflowed int64 (undefined behaviour).
  const std::string huge = EncodeNpy({"<f4", {4, 4444444444444444444}, ""});
  EXPECT_EQ(DecodeNpy(huge, "d.npy").status(),
            absl::InvalidArgumentError(
                "d.npy: shape (4, 4444444444444444444) has more bytes than a file can"));
}

}  // namespace
}  // namespace tfjs::tools
