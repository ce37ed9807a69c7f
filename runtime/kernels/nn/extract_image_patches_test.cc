#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime::nn {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::tfjs::runtime::testing::Ints;
using ::tfjs::runtime::testing::IntValues;
using ::tfjs::runtime::testing::RunOp;

std::string PatchAttrs(int k, int s, int r, const std::string& padding) {
  auto list = [](const char* name, int v) {
    return absl::StrCat("attr { key: '", name, "' value { list { i: 1 i: ", v, " i: ", v,
                        " i: 1 } } } ");
  };
  return list("ksizes", k) + list("strides", s) + list("rates", r) +
         "attr { key: 'padding' value { s: '" + padding + "' } }";
}

// 3x3 single-channel image 1..9.
Tensor Image() { return Ints({1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}); }

TEST(ExtractImagePatchesTest, ValidWindows) {
  auto outputs = RunOp("ExtractImagePatches", {Image()}, PatchAttrs(2, 1, 1, "VALID"));
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ(ShapeString((*outputs)[0].shape()), "[1,2,2,4]");
  EXPECT_THAT(IntValues((*outputs)[0]),
              ElementsAreArray({1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}));
}

TEST(ExtractImagePatchesTest, SamePaddingWithStrideAndRate) {
  // k=2, stride 2, SAME: out 2x2, pad total (2-1)*2+2-3 = 1, all after.
  auto same = RunOp("ExtractImagePatches", {Image()}, PatchAttrs(2, 2, 1, "SAME"));
  ASSERT_TRUE(same.ok()) << same.status();
  EXPECT_THAT(IntValues((*same)[0]),
              ElementsAreArray({1, 2, 4, 5, 3, 0, 6, 0, 7, 8, 0, 0, 9, 0, 0, 0}));
  // k=2 with rate 2 spans 3 pixels: one VALID window of the corners.
  auto dilated = RunOp("ExtractImagePatches", {Image()}, PatchAttrs(2, 1, 2, "VALID"));
  ASSERT_TRUE(dilated.ok()) << dilated.status();
  EXPECT_EQ(ShapeString((*dilated)[0].shape()), "[1,1,1,4]");
  EXPECT_THAT(IntValues((*dilated)[0]), ElementsAreArray({1, 3, 7, 9}));
}

TEST(ExtractImagePatchesTest, Errors) {
  EXPECT_FALSE(RunOp("ExtractImagePatches", {Ints({3, 3}, {})}, PatchAttrs(2, 1, 1, "VALID"))
                   .ok());
  EXPECT_THAT(std::string(RunOp("ExtractImagePatches", {Image()},
                                "attr { key: 'ksizes' value { list { i: 2 i: 2 i: 2 i: 1 } } }")
                              .status().message()),
              HasSubstr("ksizes must have 4 entries, 1 for batch and depth"));
  // A window larger than the image gives no VALID patches, as in TF.
  auto empty = RunOp("ExtractImagePatches", {Image()}, PatchAttrs(4, 1, 1, "VALID"));
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(ShapeString((*empty)[0].shape()), "[1,0,0,16]");
}

}  // namespace
}  // namespace tfjs::runtime::nn
