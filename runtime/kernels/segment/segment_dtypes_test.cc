// Tests of the segment reductions beyond float32: float16 identities for empty segments (TF's
// +-65504, not infinities), float16 sums rounded per step, complex sums and means, wrapping
// integer products, int64 segment ids and num_segments.
#include <complex>
#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/half.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using testing::Ints;
using testing::MakeTensor;
using testing::RunOp;

Tensor Halves(Shape shape, std::vector<float> values) {
  std::vector<uint16_t> bits;
  for (float value : values) bits.push_back(FloatToHalf(value));
  return MakeTensor<uint16_t>(tensorflow::DT_HALF, std::move(shape), std::move(bits));
}

std::vector<float> HalfValues(const Tensor& tensor) {
  std::vector<float> values;
  for (uint16_t bits : tensor.values<uint16_t>()) values.push_back(HalfToFloat(bits));
  return values;
}

Tensor RunOk(const std::string& op, const std::vector<Tensor>& inputs, const std::string& type) {
  absl::StatusOr<std::vector<Tensor>> outputs =
      RunOp(op, inputs, "attr { key: \"T\" value { type: " + type + " } }");
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[0] : Tensor();
}

TEST(SegmentDtypesTest, HalfEmptySegmentsTakeTheFiniteExtremes) {
  const Tensor data = Halves({2}, {1, 2});
  const Tensor ids = Ints({2}, {0, 0});
  const Tensor num = Ints({}, {2});
  EXPECT_THAT(HalfValues(RunOk("UnsortedSegmentMax", {data, ids, num}, "DT_HALF")),
              ElementsAre(2, -65504));
  EXPECT_THAT(HalfValues(RunOk("UnsortedSegmentMin", {data, ids, num}, "DT_HALF")),
              ElementsAre(1, 65504));
}

TEST(SegmentDtypesTest, HalfSumsRoundEveryStep) {
  // 2048 + 1 rounds back to 2048 in float16 at every step; float32 would reach 2050.
  const Tensor data = Halves({3}, {2048, 1, 1});
  EXPECT_THAT(HalfValues(RunOk("SegmentSum", {data, Ints({3}, {0, 0, 0})}, "DT_HALF")),
              ElementsAre(2048));
}

TEST(SegmentDtypesTest, ComplexSumAndMean) {
  using Complex = std::complex<float>;
  const Tensor data = MakeTensor<Complex>(tensorflow::DT_COMPLEX64, {3}, {{1, 2}, {3, -4}, {5, 6}});
  const Tensor ids = Ints({3}, {0, 0, 1});
  Tensor sum = RunOk("SegmentSum", {data, ids}, "DT_COMPLEX64");
  EXPECT_THAT(sum.values<Complex>(), ElementsAre(Complex(4, -2), Complex(5, 6)));
  Tensor mean = RunOk("SegmentMean", {data, ids}, "DT_COMPLEX64");
  EXPECT_THAT(mean.values<Complex>(), ElementsAre(Complex(2, -1), Complex(5, 6)));
}

TEST(SegmentDtypesTest, IntegerProductsWrapAndInt64Ids) {
  const Tensor data = MakeTensor<int8_t>(tensorflow::DT_INT8, {2}, {16, 16});
  absl::StatusOr<std::vector<Tensor>> outputs =
      RunOp("UnsortedSegmentProd",
            {data, MakeTensor<int64_t>(tensorflow::DT_INT64, {2}, {1, 1}),
             MakeTensor<int64_t>(tensorflow::DT_INT64, {}, {2})},
            "attr { key: \"T\" value { type: DT_INT8 } } "
            "attr { key: \"Tindices\" value { type: DT_INT64 } } "
            "attr { key: \"Tnumsegments\" value { type: DT_INT64 } }");
  ASSERT_TRUE(outputs.ok()) << outputs.status();
  // 16 * 16 = 256 wraps to 0 in int8; the empty segment 0 is 1.
  EXPECT_THAT((*outputs)[0].values<int8_t>(), ElementsAre(1, 0));
}

}  // namespace
}  // namespace tfjs::runtime
