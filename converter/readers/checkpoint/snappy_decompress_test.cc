// Snappy block decoding on hand-assembled streams.
#include "converter/readers/checkpoint/snappy_decompress.h"

#include <string>

#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

TEST(SnappyDecompressTest, LiteralsAndCopies) {
  // Length 17; literal "abcd"; copy 8 bytes from 4 back (overlapping); 2-byte-offset copy of
  // 3 bytes from 12 back; literal "xy".
  const std::string compressed = std::string("\x11") + "\x0c" "abcd" + "\x11\x04" +
                                 std::string("\x0a\x0c\x00", 3) + "\x04" "xy";
  absl::StatusOr<std::string> plain = SnappyDecompress(compressed);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(*plain, "abcdabcdabcdabcxy");
}

TEST(SnappyDecompressTest, LongLiteralUsesExtraLengthBytes) {
  const std::string text(100, 'q');
  // Tag 60 << 2: one extra byte holds length - 1.
  const std::string compressed = std::string("\x64") + "\xf0" + "\x63" + text;
  absl::StatusOr<std::string> plain = SnappyDecompress(compressed);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(*plain, text);
}

TEST(SnappyDecompressTest, RejectsCorruption) {
  EXPECT_FALSE(SnappyDecompress(std::string("\x04\x0c" "ab", 4)).ok());      // Truncated literal.
  EXPECT_FALSE(SnappyDecompress(std::string("\x08\x00" "a\x11\x00", 5)).ok());  // Offset 0.
  EXPECT_FALSE(SnappyDecompress(std::string("\x08\x00" "a\x11\x05", 5)).ok());  // Offset too far.
  EXPECT_FALSE(SnappyDecompress(std::string("\x05\x00" "a", 3)).ok());      // Shorter than header.
  EXPECT_FALSE(SnappyDecompress(std::string("\x01\x04" "ab", 4)).ok());     // Longer than header.
}

}  // namespace
}  // namespace tfjs::converter
