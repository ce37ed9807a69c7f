// Snappy block decoding on hand-assembled streams.
#include "converter/readers/checkpoint/snappy_decompress.h"

#include <initializer_list>
#include <string>

#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (const int byte : bytes) out.push_back(static_cast<char>(byte));
  return out;
}

TEST(SnappyDecompressTest, LiteralsAndCopies) {
  const std::string compressed = Bytes({
      17,                        // Uncompressed length.
      0x0c, 'a', 'b', 'c', 'd',  // Literal of 4.
      0x11, 4,                   // 1-byte-offset copy: 8 bytes from 4 back (overlapping).
      0x0a, 12, 0,               // 2-byte-offset copy: 3 bytes from 12 back.
      0x04, 'x', 'y',            // Literal of 2.
  });
  absl::StatusOr<std::string> plain = SnappyDecompress(compressed);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(*plain, "abcdabcdabcdabcxy");
}

TEST(SnappyDecompressTest, LongLiteralUsesExtraLengthBytes) {
  const std::string text(100, 'q');
  // Tag 60 << 2: one extra byte holds length - 1.
  const std::string compressed = Bytes({100, 0xf0, 99}) + text;
  absl::StatusOr<std::string> plain = SnappyDecompress(compressed);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(*plain, text);
}

TEST(SnappyDecompressTest, RejectsCorruption) {
  EXPECT_FALSE(SnappyDecompress(Bytes({4, 0x0c, 'a', 'b'})).ok());      // Truncated literal.
  EXPECT_FALSE(SnappyDecompress(Bytes({8, 0x00, 'a', 0x11, 0})).ok());  // Copy offset 0.
  EXPECT_FALSE(SnappyDecompress(Bytes({8, 0x00, 'a', 0x11, 5})).ok());  // Offset before start.
  EXPECT_FALSE(SnappyDecompress(Bytes({5, 0x00, 'a'})).ok());           // Shorter than header.
  EXPECT_FALSE(SnappyDecompress(Bytes({1, 0x04, 'a', 'b'})).ok());      // Longer than header.
}

}  // namespace
}  // namespace tfjs::converter
