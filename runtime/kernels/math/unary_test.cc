#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;
using testing::Floats;
using testing::FloatValues;
using ::testing::HasSubstr;
using testing::Ints;
using testing::IntValues;
using ::testing::Pointwise;
using testing::RunOp;

const float kNaN = std::numeric_limits<float>::quiet_NaN();
const float kInf = std::numeric_limits<float>::infinity();

Tensor RunOk(const std::string& op, const std::vector<Tensor>& inputs,
             const std::string& attrs = "", int num_threads = 1) {
  absl::StatusOr<std::vector<Tensor>> outputs = RunOp(op, inputs, attrs, 1, {}, num_threads);
  EXPECT_TRUE(outputs.ok()) << outputs.status();
  return outputs.ok() ? (*outputs)[0] : Tensor();
}

// Runs `op` on float `inputs` and checks the outputs against hand-computed `expected`.
void ExpectFloats(const std::string& op, std::vector<float> inputs, std::vector<float> expected,
                  float tolerance = 1e-6f) {
  Tensor out = RunOk(op, {Floats({static_cast<int64_t>(inputs.size())}, inputs)});
  EXPECT_THAT(FloatValues(out), Pointwise(FloatNear(tolerance), expected)) << op;
}

TEST(UnaryTest, Activations) {
  ExpectFloats("Relu", {-2, 0, 3}, {0, 0, 3});
  ExpectFloats("Relu6", {-2, 3, 7}, {0, 3, 6});
  ExpectFloats("Elu", {-1, 0, 2}, {-0.63212056f, 0, 2});
  ExpectFloats("Selu", {-1, 0, 2}, {-1.1113307f, 0, 2.1014020f});
  ExpectFloats("Sigmoid", {0, 2, -100}, {0.5f, 0.88079708f, 0});
  ExpectFloats("Tanh", {0, 1, -20}, {0, 0.76159416f, -1});
  ExpectFloats("Softplus", {0, 1, 30, -30}, {0.69314718f, 1.3132616f, 30, 9.3576230e-14f});
}

TEST(UnaryTest, ExpLogAndPowers) {
  ExpectFloats("Exp", {0, 1, -1}, {1, 2.7182818f, 0.36787944f});
  ExpectFloats("Log", {1, 2.7182818f, 10}, {0, 1, 2.3025851f});
  ExpectFloats("Log1p", {0, 1e-7f, 1}, {0, 1e-7f, 0.69314718f}, 1e-9f);
  ExpectFloats("Sqrt", {0, 4, 2}, {0, 2, 1.4142135f});
  ExpectFloats("Rsqrt", {4, 0.25f}, {0.5f, 2});
  ExpectFloats("Reciprocal", {4, -0.5f}, {0.25f, -2});
  ExpectFloats("Square", {-3, 0.5f}, {9, 0.25f});
}

TEST(UnaryTest, TrigAndErf) {
  ExpectFloats("Sin", {0, 1.5707963f}, {0, 1});
  ExpectFloats("Cos", {0, 3.1415927f}, {1, -1});
  ExpectFloats("Erf", {0, 1, -2}, {0, 0.84270079f, -0.99532227f});
}

TEST(UnaryTest, InverseAndHyperbolicTrig) {
  ExpectFloats("Tan", {0, 0.78539816f}, {0, 1});
  ExpectFloats("Asin", {0, 1}, {0, 1.5707963f});
  ExpectFloats("Acos", {1, 0}, {0, 1.5707963f});
  ExpectFloats("Atan", {0, 1}, {0, 0.78539816f});
  ExpectFloats("Sinh", {0, 1}, {0, 1.1752012f});
  ExpectFloats("Cosh", {0, 1}, {1, 1.5430806f});
  ExpectFloats("Asinh", {0, 1}, {0, 0.88137359f});
  ExpectFloats("Acosh", {1, 2}, {0, 1.3169579f});
  ExpectFloats("Atanh", {0, 0.5f}, {0, 0.54930614f});
  ExpectFloats("Expm1", {0, 1e-7f, 1}, {0, 1e-7f, 1.7182818f}, 1e-7f);
}

TEST(UnaryTest, IsInfAndIsFinite) {
  Tensor x = Floats({4}, {kNaN, kInf, -kInf, 1});
  EXPECT_THAT(RunOk("IsInf", {x}).values<bool>(), ElementsAre(false, true, true, false));
  EXPECT_THAT(RunOk("IsFinite", {x}).values<bool>(), ElementsAre(false, false, false, true));
}

TEST(UnaryTest, RoundingHalvesToEven) {
  ExpectFloats("Round", {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 2.4f, -2.6f}, {0, 2, 2, 0, -2, 2, -3});
  ExpectFloats("Floor", {1.5f, -1.5f, 2}, {1, -2, 2});
  ExpectFloats("Ceil", {1.5f, -1.5f, 2}, {2, -1, 2});
}

TEST(UnaryTest, SignsAndNegation) {
  ExpectFloats("Sign", {-3, 0, 0.1f}, {-1, 0, 1});
  ExpectFloats("Neg", {-3, 2}, {3, -2});
  // Neg flips the sign bit: 0 becomes -0.
  EXPECT_TRUE(std::signbit(FloatValues(RunOk("Neg", {Floats({1}, {0.f})}))[0]));
  ExpectFloats("Abs", {-3, 2}, {3, 2});
  EXPECT_THAT(IntValues(RunOk("Sign", {Ints({3}, {-5, 0, 7})})), ElementsAre(-1, 0, 1));
  EXPECT_THAT(IntValues(RunOk("Abs", {Ints({2}, {-5, 7})})), ElementsAre(5, 7));
  EXPECT_THAT(IntValues(RunOk("Neg", {Ints({2}, {-5, 7})})), ElementsAre(5, -7));
  EXPECT_THAT(IntValues(RunOk("Relu", {Ints({2}, {-5, 7})})), ElementsAre(0, 7));
  EXPECT_THAT(IntValues(RunOk("Round", {Ints({2}, {-5, 7})})), ElementsAre(-5, 7));
  EXPECT_THAT(IntValues(RunOk("Square", {Ints({2}, {-5, 7})})), ElementsAre(25, 49));
}

TEST(UnaryTest, NaNPropagatesAndIsNanDetectsIt) {
  for (const char* op : {"Relu", "Relu6", "Sign", "Exp", "Sigmoid", "Abs", "Round"}) {
    std::vector<float> out = FloatValues(RunOk(op, {Floats({1}, {kNaN})}));
    EXPECT_TRUE(std::isnan(out[0])) << op;
  }
  Tensor is_nan = RunOk("IsNan", {Floats({3}, {kNaN, kInf, 0})});
  EXPECT_EQ(is_nan.dtype(), tensorflow::DT_BOOL);
  EXPECT_THAT(is_nan.values<bool>(), ElementsAre(true, false, false));
}

TEST(UnaryTest, LeakyReluAlphaAttrAndDefault) {
  Tensor x = Floats({3}, {-2, 0, 3});
  EXPECT_THAT(FloatValues(RunOk("LeakyRelu", {x})), ElementsAre(-0.4f, 0, 3));
  EXPECT_THAT(FloatValues(RunOk("LeakyRelu", {x}, R"(attr { key: "alpha" value { f: 0.5 } })")),
              ElementsAre(-1, 0, 3));
}

TEST(UnaryTest, DoubleInputs) {
  Tensor x = testing::MakeTensor<double>(tensorflow::DT_DOUBLE, {2}, {0.0, 1.0});
  Tensor out = RunOk("Exp", {x});
  EXPECT_EQ(out.dtype(), tensorflow::DT_DOUBLE);
  EXPECT_THAT(out.values<double>(), ElementsAre(1.0, std::exp(1.0)));
}

TEST(UnaryTest, LargeInputOnTwoThreads) {
  std::vector<float> values(100000);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<float>(i % 200) - 100.f;
  Tensor out = RunOk("Relu6", {Floats({static_cast<int64_t>(values.size())}, values)}, "", 2);
  std::vector<float> result = FloatValues(out);
  ASSERT_EQ(result.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(result[i], std::min(std::max(values[i], 0.f), 6.f)) << i;
  }
}

TEST(UnaryTest, ZeroSizeAndScalar) {
  EXPECT_THAT(RunOk("Exp", {Floats({0, 4}, {})}).shape(), ElementsAre(0, 4));
  Tensor scalar = RunOk("Neg", {Floats({}, {2})});
  EXPECT_TRUE(scalar.shape().empty());
  EXPECT_THAT(FloatValues(scalar), ElementsAre(-2));
}

TEST(UnaryTest, DtypeErrors) {
  for (const char* op : {"Exp", "Sigmoid", "Floor", "IsNan", "LeakyRelu"}) {
    absl::StatusOr<std::vector<Tensor>> out = RunOp(op, {Ints({1}, {1})}, "");
    EXPECT_THAT(std::string(out.status().message()),
                HasSubstr("has dtype int32; this op takes float32, float64"))
        << op;
  }
  absl::StatusOr<std::vector<Tensor>> out = RunOp("Relu", {testing::Bools({1}, {true})}, "");
  EXPECT_THAT(std::string(out.status().message()), HasSubstr("has dtype bool"));
}

TEST(PreluTest, BroadcastsAlphaPerChannel) {
  Tensor out = RunOk("Prelu", {Floats({2, 2}, {-1, -2, 3, -4}), Floats({2}, {0.1f, 0.5f})});
  EXPECT_THAT(FloatValues(out), Pointwise(FloatNear(1e-7f), {-0.1f, -1.f, 3.f, -2.f}));
  // One alpha per row rather than per channel takes the general broadcasting path.
  Tensor per_row = RunOk("Prelu", {Floats({2, 2}, {-1, -2, 3, -4}), Floats({2, 1}, {0.1f, 0.5f})});
  EXPECT_THAT(FloatValues(per_row), Pointwise(FloatNear(1e-7f), {-0.1f, -0.2f, 3.f, -2.f}));
  absl::StatusOr<std::vector<Tensor>> bad =
      RunOp("Prelu", {Floats({2, 2}, {}), Floats({3}, {})}, "");
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("Incompatible shapes"));
}

TEST(ClipByValueTest, ScalarAndElementwiseBounds) {
  Tensor x = Floats({4}, {-5, 0.5f, 3, kNaN});
  std::vector<float> clipped =
      FloatValues(RunOk("ClipByValue", {x, Floats({}, {0}), Floats({}, {1})}));
  EXPECT_THAT(std::vector<float>(clipped.begin(), clipped.begin() + 3), ElementsAre(0, 0.5f, 1));
  EXPECT_TRUE(std::isnan(clipped[3]));
  EXPECT_THAT(IntValues(RunOk("ClipByValue",
                              {Ints({3}, {-5, 5, 50}), Ints({3}, {0, 6, 0}), Ints({}, {10})})),
              ElementsAre(0, 6, 10));
  absl::StatusOr<std::vector<Tensor>> bad =
      RunOp("ClipByValue", {Floats({4}, {}), Floats({2}, {}), Floats({}, {1})}, "");
  EXPECT_THAT(std::string(bad.status().message()),
              HasSubstr("clip_value_min must be a scalar or have the shape of x"));
}

// TF clips below after clipping above, so crossed bounds give clip_value_min.
TEST(ClipByValueTest, CrossedBoundsGiveTheLowerBound) {
  EXPECT_THAT(FloatValues(RunOk("ClipByValue",
                                {Floats({3}, {-1, 3, 9}), Floats({}, {5}), Floats({}, {2})})),
              ElementsAre(5, 5, 5));
}

// Complex numbers are clipped to the box the bounds span: real and imaginary parts apart.
TEST(ClipByValueTest, ComplexClipsEachPart) {
  using C = std::complex<float>;
  auto complex = [](Shape shape, std::vector<C> values) {
    Tensor tensor = *Tensor::Allocate(tensorflow::DT_COMPLEX64, std::move(shape));
    std::copy(values.begin(), values.end(), tensor.mutable_data<C>());
    return tensor;
  };
  Tensor out = RunOk("ClipByValue", {complex({3}, {C(-3, 7), C(0.5f, -9), C(2, 0.25f)}),
                                     complex({}, {C(-1, -2)}), complex({}, {C(1, 2)})});
  EXPECT_THAT(std::vector<C>(out.data<C>(), out.data<C>() + 3),
              ElementsAre(C(-1, 2), C(0.5f, -2), C(1, 0.25f)));
}

}  // namespace
}  // namespace tfjs::runtime
