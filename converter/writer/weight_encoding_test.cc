#include "converter/writer/weight_encoding.h"

#include <cstring>

#include "absl/strings/escaping.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace tfjs::converter {
namespace {

tensorflow::TensorProto Tensor(const std::string& text) {
  tensorflow::TensorProto tensor;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &tensor)) << text;
  return tensor;
}

template <typename T>
std::string Bytes(std::initializer_list<T> values) {
  std::string out;
  for (T value : values) out.append(reinterpret_cast<const char*>(&value), sizeof(T));
  return out;
}

std::string Encode(const tensorflow::TensorProto& tensor, WeightSpec* spec_out = nullptr,
                   int64_t* wrapped = nullptr) {
  absl::StatusOr<WeightSpec> spec = DescribeWeight("w", tensor);
  EXPECT_TRUE(spec.ok()) << spec.status();
  if (!spec.ok()) return "";
  absl::StatusOr<std::string> bytes = EncodeWeight(*spec, tensor, wrapped);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(static_cast<int64_t>(bytes->size()), spec->byte_size);
  if (spec_out != nullptr) *spec_out = *spec;
  return *bytes;
}

TEST(WeightEncodingTest, FloatValuesRepeatTheLastValue) {
  WeightSpec spec;
  const std::string bytes = Encode(
      Tensor("dtype: DT_FLOAT tensor_shape { dim { size: 2 } dim { size: 2 } } "
             "float_val: 1.5 float_val: -2"),
      &spec);
  EXPECT_EQ(bytes, Bytes<float>({1.5f, -2.0f, -2.0f, -2.0f}));
  EXPECT_EQ(spec.dtype, "float32");
  EXPECT_EQ(spec.shape, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(spec.converted_from, "");
}

TEST(WeightEncodingTest, NoValuesMeansZeros) {
  EXPECT_EQ(Encode(Tensor("dtype: DT_INT32 tensor_shape { dim { size: 3 } }")),
            Bytes<int32_t>({0, 0, 0}));
}

TEST(WeightEncodingTest, TensorContentIsCopied) {
  tensorflow::TensorProto tensor = Tensor("dtype: DT_INT32 tensor_shape { dim { size: 2 } }");
  tensor.set_tensor_content(Bytes<int32_t>({7, -8}));
  EXPECT_EQ(Encode(tensor), Bytes<int32_t>({7, -8}));
}

TEST(WeightEncodingTest, TensorContentWrittenAsIsIsViewedInPlace) {
  tensorflow::TensorProto tensor = Tensor("dtype: DT_FLOAT tensor_shape { dim { size: 2 } }");
  tensor.set_tensor_content(Bytes<float>({1.5f, -2.0f}));
  absl::StatusOr<WeightSpec> spec = DescribeWeight("w", tensor);
  ASSERT_TRUE(spec.ok()) << spec.status();
  std::optional<absl::string_view> in_place = WeightBytesInPlace(*spec, tensor);
  ASSERT_TRUE(in_place.has_value());
  EXPECT_EQ(in_place->data(), tensor.tensor_content().data());
  EXPECT_EQ(*in_place, Bytes<float>({1.5f, -2.0f}));
}

TEST(WeightEncodingTest, WeightsNeedingEncodingAreNotViewedInPlace) {
  tensorflow::TensorProto narrowed = Tensor("dtype: DT_DOUBLE tensor_shape { dim { size: 1 } }");
  narrowed.set_tensor_content(Bytes<double>({1.0}));
  tensorflow::TensorProto typed =
      Tensor("dtype: DT_FLOAT tensor_shape { dim { size: 1 } } float_val: 1");
  for (const tensorflow::TensorProto& tensor : {narrowed, typed}) {
    absl::StatusOr<WeightSpec> spec = DescribeWeight("w", tensor);
    ASSERT_TRUE(spec.ok()) << spec.status();
    EXPECT_FALSE(WeightBytesInPlace(*spec, tensor).has_value()) << tensor.DebugString();
  }
}

TEST(WeightEncodingTest, Float64NarrowsToFloat32) {
  tensorflow::TensorProto content = Tensor("dtype: DT_DOUBLE tensor_shape { dim { size: 2 } }");
  content.set_tensor_content(Bytes<double>({0.1, -3.0}));
  WeightSpec spec;
  EXPECT_EQ(Encode(content, &spec), Bytes<float>({0.1f, -3.0f}));
  EXPECT_EQ(spec.dtype, "float32");
  EXPECT_EQ(spec.converted_from, "float64");
  EXPECT_EQ(Encode(Tensor("dtype: DT_DOUBLE tensor_shape {} double_val: 2.5")),
            Bytes<float>({2.5f}));
}

TEST(WeightEncodingTest, Int64NarrowsToInt32AndCountsWrappedValues) {
  tensorflow::TensorProto content = Tensor("dtype: DT_INT64 tensor_shape { dim { size: 3 } }");
  content.set_tensor_content(Bytes<int64_t>({-5, 4294967297LL, 2147483647}));
  WeightSpec spec;
  int64_t wrapped = 0;
  EXPECT_EQ(Encode(content, &spec, &wrapped), Bytes<int32_t>({-5, 1, 2147483647}));
  EXPECT_EQ(spec.dtype, "int32");
  EXPECT_EQ(spec.converted_from, "int64");
  EXPECT_EQ(wrapped, 1);
  EXPECT_EQ(Encode(Tensor("dtype: DT_INT64 tensor_shape { dim { size: 2 } } int64_val: 9")),
            Bytes<int32_t>({9, 9}));
}

TEST(WeightEncodingTest, StringsAreLengthPrefixed) {
  WeightSpec spec;
  const std::string bytes =
      Encode(Tensor("dtype: DT_STRING tensor_shape { dim { size: 3 } } "
                    "string_val: 'ab' string_val: ''"),
             &spec);
  std::string expected = Bytes<uint32_t>({2}) + "ab" + Bytes<uint32_t>({0}) + Bytes<uint32_t>({0});
  EXPECT_EQ(bytes, expected);
  EXPECT_EQ(spec.dtype, "string");
  EXPECT_EQ(spec.byte_size, 14);
}

TEST(WeightEncodingTest, BoolIsOneBytePerElement) {
  EXPECT_EQ(Encode(Tensor("dtype: DT_BOOL tensor_shape { dim { size: 3 } } "
                          "bool_val: true bool_val: false")),
            std::string("\x01\x00\x00", 3));
}

// tensorflowjs_converter's _AUTO_DTYPE_CONVERSION writes float16 weights as float32 (TF.js's
// loadGraphModel rejects a float16 manifest entry).
TEST(WeightEncodingTest, HalfWidensToFloat32) {
  WeightSpec spec;
  EXPECT_EQ(Encode(Tensor("dtype: DT_HALF tensor_shape { dim { size: 3 } } "
                          "half_val: 15360 half_val: 48128 half_val: 13312"),
                   &spec),
            Bytes<float>({1, -1, 0.25f}));
  EXPECT_EQ(spec.dtype, "float32");
  EXPECT_EQ(spec.converted_from, "float16");
  const std::string content("\x00\x3c\x00\xbc", 4);  // 1 and -1, little-endian.
  EXPECT_EQ(Encode(Tensor("dtype: DT_HALF tensor_shape { dim { size: 2 } } tensor_content: '" +
                          absl::CEscape(content) + "'")),
            Bytes<float>({1, -1}));
}

TEST(WeightEncodingTest, Complex128NarrowsToComplex64) {
  WeightSpec spec;
  EXPECT_EQ(Encode(Tensor("dtype: DT_COMPLEX128 tensor_shape { dim { size: 2 } } "
                          "dcomplex_val: 1 dcomplex_val: -2"),
                   &spec),
            Bytes<float>({1, -2, 1, -2}));
  EXPECT_EQ(spec.dtype, "complex64");
}

TEST(WeightEncodingTest, UnsupportedDtypesFailNamingTheWeight) {
  for (const char* dtype : {"DT_BFLOAT16", "DT_RESOURCE", "DT_QINT8"}) {
    absl::StatusOr<WeightSpec> spec = DescribeWeight(
        "conv/w", Tensor(std::string("dtype: ") + dtype + " tensor_shape { dim { size: 1 } }"));
    ASSERT_FALSE(spec.ok()) << dtype;
    EXPECT_NE(spec.status().message().find("'conv/w'"), std::string::npos);
    EXPECT_NE(spec.status().message().find(dtype), std::string::npos);
  }
}

WeightSpec Describe(const tensorflow::TensorProto& tensor, WeightDtypes dtypes) {
  absl::StatusOr<WeightSpec> spec = DescribeWeight("w", tensor, dtypes);
  EXPECT_TRUE(spec.ok()) << spec.status();
  return spec.ok() ? *spec : WeightSpec();
}

std::string EncodeFor(WeightDtypes dtypes, const tensorflow::TensorProto& tensor,
                      WeightSpec* spec_out, int64_t* wrapped = nullptr) {
  *spec_out = Describe(tensor, dtypes);
  absl::StatusOr<std::string> bytes = EncodeWeight(*spec_out, tensor, wrapped);
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  if (!bytes.ok()) return "";
  EXPECT_EQ(static_cast<int64_t>(bytes->size()), spec_out->byte_size);
  return *bytes;
}

// 8- and 16-bit integers are exact int32 weights on both targets (TF.js computes them as int32;
// the runtime narrows them back), from tensor_content or int_val.
TEST(WeightEncodingTest, SmallIntegersWidenToInt32OnBothTargets) {
  for (WeightDtypes dtypes : {WeightDtypes::kTfjs, WeightDtypes::kNative}) {
    WeightSpec spec;
    tensorflow::TensorProto int8 = Tensor("dtype: DT_INT8 tensor_shape { dim { size: 2 } }");
    int8.set_tensor_content(Bytes<int8_t>({-128, 7}));
    EXPECT_EQ(EncodeFor(dtypes, int8, &spec), Bytes<int32_t>({-128, 7}));
    EXPECT_EQ(spec.dtype, "int32");
    EXPECT_EQ(spec.converted_from, "int8");
    tensorflow::TensorProto uint8 = Tensor("dtype: DT_UINT8 tensor_shape { dim { size: 3 } }");
    uint8.set_tensor_content(Bytes<uint8_t>({0, 200, 255}));
    EXPECT_EQ(EncodeFor(dtypes, uint8, &spec), Bytes<int32_t>({0, 200, 255}));
    EXPECT_EQ(spec.converted_from, "uint8");
    EXPECT_EQ(EncodeFor(dtypes,
                        Tensor("dtype: DT_UINT8 tensor_shape { dim { size: 2 } } int_val: 254"),
                        &spec),
              Bytes<int32_t>({254, 254}));
    tensorflow::TensorProto uint16 = Tensor("dtype: DT_UINT16 tensor_shape { dim { size: 1 } }");
    uint16.set_tensor_content(Bytes<uint16_t>({65535}));
    EXPECT_EQ(EncodeFor(dtypes, uint16, &spec), Bytes<int32_t>({65535}));
    EXPECT_EQ(EncodeFor(dtypes,
                        Tensor("dtype: DT_INT16 tensor_shape { dim { size: 2 } } "
                               "int_val: -300 int_val: 5"),
                        &spec),
              Bytes<int32_t>({-300, 5}));
  }
}

// For TF.js, uint32 and uint64 become int32 as int64 does: the low 32 bits, wrapped values
// counted.
TEST(WeightEncodingTest, TfjsTargetNarrowsUnsigned32And64BitIntegers) {
  WeightSpec spec;
  int64_t wrapped = 0;
  tensorflow::TensorProto uint32 = Tensor("dtype: DT_UINT32 tensor_shape { dim { size: 2 } }");
  uint32.set_tensor_content(Bytes<uint32_t>({7, 4294967295u}));
  EXPECT_EQ(EncodeFor(WeightDtypes::kTfjs, uint32, &spec, &wrapped), Bytes<int32_t>({7, -1}));
  EXPECT_EQ(spec.dtype, "int32");
  EXPECT_EQ(spec.converted_from, "uint32");
  EXPECT_EQ(wrapped, 1);
  EXPECT_EQ(EncodeFor(WeightDtypes::kTfjs,
                      Tensor("dtype: DT_UINT64 tensor_shape { dim { size: 2 } } "
                             "uint64_val: 3 uint64_val: 4294967298"),
                      &spec, &wrapped),
            Bytes<int32_t>({3, 2}));
  EXPECT_EQ(spec.converted_from, "uint64");
  EXPECT_EQ(wrapped, 2);
}

// The native target keeps every bit of 64-bit and uint32 weights: the runtime reads them as
// they are (bitcasts and large integers need them exact).
TEST(WeightEncodingTest, NativeTargetWritesWideWeightsExactly) {
  WeightSpec spec;
  int64_t wrapped = 0;
  tensorflow::TensorProto int64 = Tensor("dtype: DT_INT64 tensor_shape { dim { size: 2 } }");
  int64.set_tensor_content(Bytes<int64_t>({4294967297LL, -9223372036854775807LL - 1}));
  EXPECT_EQ(EncodeFor(WeightDtypes::kNative, int64, &spec, &wrapped), int64.tensor_content());
  EXPECT_EQ(spec.dtype, "int64");
  EXPECT_EQ(spec.converted_from, "");
  EXPECT_EQ(wrapped, 0);
  ASSERT_TRUE(WeightBytesInPlace(spec, int64).has_value());
  EXPECT_EQ(EncodeFor(WeightDtypes::kNative,
                      Tensor("dtype: DT_INT64 tensor_shape { dim { size: 2 } } "
                             "int64_val: 4294967297"),
                      &spec),
            Bytes<int64_t>({4294967297LL, 4294967297LL}));
  EXPECT_EQ(EncodeFor(WeightDtypes::kNative,
                      Tensor("dtype: DT_DOUBLE tensor_shape { dim { size: 1 } } double_val: 0.1"),
                      &spec),
            Bytes<double>({0.1}));
  EXPECT_EQ(spec.dtype, "float64");
  EXPECT_EQ(EncodeFor(WeightDtypes::kNative,
                      Tensor("dtype: DT_COMPLEX128 tensor_shape { dim { size: 1 } } "
                             "dcomplex_val: 0.1 dcomplex_val: -2"),
                      &spec),
            Bytes<double>({0.1, -2}));
  EXPECT_EQ(spec.dtype, "complex128");
  EXPECT_EQ(EncodeFor(WeightDtypes::kNative,
                      Tensor("dtype: DT_UINT64 tensor_shape { dim { size: 1 } } "
                             "uint64_val: 18446744073709551615"),
                      &spec),
            Bytes<uint64_t>({18446744073709551615ULL}));
  EXPECT_EQ(spec.dtype, "uint64");
  EXPECT_EQ(EncodeFor(WeightDtypes::kNative,
                      Tensor("dtype: DT_UINT32 tensor_shape { dim { size: 1 } } "
                             "uint32_val: 4294967295"),
                      &spec),
            Bytes<uint32_t>({4294967295u}));
  EXPECT_EQ(spec.dtype, "uint32");
}

TEST(WeightEncodingTest, NativeTargetWidensBfloat16Exactly) {
  WeightSpec spec;
  // bfloat16 1.5 is 0x3fc0, as half_val bit patterns or as tensor_content.
  EXPECT_EQ(EncodeFor(WeightDtypes::kNative,
                      Tensor("dtype: DT_BFLOAT16 tensor_shape { dim { size: 1 } } "
                             "half_val: 16320"),
                      &spec),
            Bytes<float>({1.5f}));
  EXPECT_EQ(spec.dtype, "float32");
  tensorflow::TensorProto bfloat = Tensor("dtype: DT_BFLOAT16 tensor_shape { dim { size: 1 } }");
  bfloat.set_tensor_content(Bytes<uint16_t>({0xc000}));
  EXPECT_EQ(EncodeFor(WeightDtypes::kNative, bfloat, &spec), Bytes<float>({-2.0f}));
  // Still refused for TF.js, which has no such weights.
  EXPECT_FALSE(DescribeWeight("w", bfloat).ok());
}

TEST(WeightEncodingTest, InconsistentTensorsFail) {
  tensorflow::TensorProto short_content =
      Tensor("dtype: DT_FLOAT tensor_shape { dim { size: 2 } }");
  short_content.set_tensor_content(Bytes<float>({1.0f}));
  EXPECT_FALSE(DescribeWeight("w", short_content).ok());
  EXPECT_FALSE(DescribeWeight("w", Tensor("dtype: DT_FLOAT tensor_shape { dim { size: 1 } } "
                                          "float_val: 1 float_val: 2"))
                   .ok());
  EXPECT_FALSE(DescribeWeight("w", Tensor("dtype: DT_FLOAT tensor_shape { dim { size: -1 } }")).ok());
  EXPECT_FALSE(DescribeWeight("w", Tensor("dtype: DT_FLOAT tensor_shape { unknown_rank: true }")).ok());
}

}  // namespace
}  // namespace tfjs::converter
