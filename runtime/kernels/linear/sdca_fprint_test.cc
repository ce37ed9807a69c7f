// Tests for SdcaFprint: FarmHash Fingerprint128 values TF's own sdca_ops_test gives, and shapes.
#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::RunOp;

std::vector<int64_t> Int64Values(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.values<int64_t>().begin(), tensor.values<int64_t>().end());
}

TEST(SdcaFprintTest, TfValues) {
  auto outputs =
      RunOp("SdcaFprint", {Tensor::Strings({3}, {"abc", "very looooooong string", "def"})}, "");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  EXPECT_EQ((*outputs)[0].shape(), (Shape{3, 2}));
  EXPECT_THAT(Int64Values((*outputs)[0]),
              ElementsAre(4143508125394299908, -6879828354153669051, 5849691694103072671,
                          -4874542629849009556, 603227410218889250, 8762207001949257490));
}

}  // namespace
}  // namespace tfjs::runtime
