// Lookup3Checksum against the reference values published with lookup3.c.
#include "converter/readers/hdf5/checksum.h"

#include "gtest/gtest.h"

namespace tfjs::converter::hdf5 {
namespace {

TEST(ChecksumTest, Lookup3ReferenceValues) {
  EXPECT_EQ(Lookup3Checksum(""), 0xdeadbeefu);
  EXPECT_EQ(Lookup3Checksum("Four score and seven years ago"), 0x17770551u);
  EXPECT_EQ(Lookup3Checksum("Four score and seven years ago", 1), 0xcd628161u);
}

}  // namespace
}  // namespace tfjs::converter::hdf5
