// Tests of the image codec ops: PNG, BMP, GIF and WebP pixels worked by hand or round-tripped
// losslessly, JPEG through libjpeg at full quality, DecodeImage's sniffing and dtype scaling,
// and TF's errors.
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/testing/op_test_util.h"
#include "webp/encode.h"

namespace tfjs::runtime {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using testing::MakeTensor;
using testing::RunOp;

Tensor Bytes(std::string bytes) { return Tensor::Strings({}, {std::move(bytes)}); }
Tensor Pixels(Shape shape, std::vector<uint8_t> values) {
  return MakeTensor<uint8_t>(tensorflow::DT_UINT8, std::move(shape), std::move(values));
}
std::vector<uint8_t> U8(const Tensor& tensor) {
  return std::vector<uint8_t>(tensor.values<uint8_t>().begin(), tensor.values<uint8_t>().end());
}

const std::vector<uint8_t> kRgb = {255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30};

std::string EncodedPng(const Tensor& image, const std::string& attrs = "") {
  auto encoded = RunOp("EncodePng", {image}, attrs);
  EXPECT_TRUE(encoded.ok()) << encoded.status();
  return encoded.ok() ? (*encoded)[0].strings()[0] : "";
}

TEST(CodecOpsTest, PngRoundTripsAndConvertsChannels) {
  const std::string png = EncodedPng(Pixels({2, 2, 3}, kRgb));
  EXPECT_EQ(png.substr(1, 3), "PNG");
  auto decoded = RunOp("DecodePng", {Bytes(png)}, "");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(ShapeString((*decoded)[0].shape()), "[2,2,3]");
  EXPECT_THAT(U8((*decoded)[0]), ElementsAreArray(kRgb));
  // RGBA: libpng adds an opaque alpha.
  auto rgba = RunOp("DecodePng", {Bytes(png)}, "attr { key: 'channels' value { i: 4 } }");
  ASSERT_TRUE(rgba.ok()) << rgba.status();
  EXPECT_THAT(U8((*rgba)[0]),
              ElementsAreArray(std::vector<uint8_t>{255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255,
                                                    10, 20, 30, 255}));
  // uint16 from 8 bits: x * 257.
  auto wide = RunOp("DecodePng", {Bytes(png)}, "attr { key: 'dtype' value { type: DT_UINT16 } }");
  ASSERT_TRUE(wide.ok()) << wide.status();
  EXPECT_EQ((*wide)[0].values<uint16_t>()[0], 65535);
  EXPECT_EQ((*wide)[0].values<uint16_t>()[9], 10 * 257);
}

TEST(CodecOpsTest, Png16BitRoundTrips) {
  Tensor image = MakeTensor<uint16_t>(tensorflow::DT_UINT16, {1, 2, 1}, {1, 65534});
  const std::string png = EncodedPng(image, "attr { key: 'T' value { type: DT_UINT16 } }");
  auto decoded =
      RunOp("DecodePng", {Bytes(png)}, "attr { key: 'dtype' value { type: DT_UINT16 } }");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_THAT((*decoded)[0].values<uint16_t>(), ElementsAre(1, 65534));
  // Down to 8 bits TF strips the low byte.
  auto narrow = RunOp("DecodePng", {Bytes(png)}, "");
  ASSERT_TRUE(narrow.ok()) << narrow.status();
  EXPECT_THAT(U8((*narrow)[0]), ElementsAre(0, 255));
}

TEST(CodecOpsTest, JpegEncodesAndDecodesNearTheImage) {
  std::vector<uint8_t> flat(8 * 8 * 3, 0);
  for (size_t i = 0; i < flat.size(); i += 3) flat[i] = 200;
  auto encoded =
      RunOp("EncodeJpeg", {Pixels({8, 8, 3}, flat)}, "attr { key: 'quality' value { i: 100 } }");
  ASSERT_TRUE(encoded.ok()) << encoded.status();
  const std::string jpeg = (*encoded)[0].strings()[0];
  EXPECT_EQ(jpeg.substr(0, 3), "\xff\xd8\xff");
  auto shape = RunOp("ExtractJpegShape", {Bytes(jpeg)}, "");
  ASSERT_TRUE(shape.ok()) << shape.status();
  EXPECT_THAT(testing::IntValues((*shape)[0]), ElementsAre(8, 8, 3));
  for (const char* dct : {"''", "'INTEGER_ACCURATE'"}) {
    auto decoded = RunOp("DecodeJpeg", {Bytes(jpeg)},
                         absl::StrCat("attr { key: 'dct_method' value { s: ", dct, " } }"));
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    ASSERT_EQ(ShapeString((*decoded)[0].shape()), "[8,8,3]");
    for (size_t i = 0; i < flat.size(); ++i) {
      EXPECT_NEAR((*decoded)[0].values<uint8_t>()[i], flat[i], 3) << i;
    }
  }
  auto gray = RunOp("DecodeJpeg", {Bytes(jpeg)}, "attr { key: 'channels' value { i: 1 } }");
  ASSERT_TRUE(gray.ok()) << gray.status();
  // Y of (200, 0, 0) = 0.299 * 200.
  EXPECT_NEAR((*gray)[0].values<uint8_t>()[0], 60, 2);
  auto half = RunOp("DecodeJpeg", {Bytes(jpeg)}, "attr { key: 'ratio' value { i: 2 } }");
  ASSERT_TRUE(half.ok()) << half.status();
  EXPECT_EQ(ShapeString((*half)[0].shape()), "[4,4,3]");
  auto crop = RunOp("DecodeAndCropJpeg", {Bytes(jpeg), testing::Ints({4}, {1, 2, 3, 4})}, "");
  ASSERT_TRUE(crop.ok()) << crop.status();
  EXPECT_EQ(ShapeString((*crop)[0].shape()), "[3,4,3]");
  auto outside = RunOp("DecodeAndCropJpeg", {Bytes(jpeg), testing::Ints({4}, {6, 0, 3, 4})}, "");
  EXPECT_THAT(outside.status().message(), HasSubstr("Invalid JPEG data or crop window"));
  auto truncated = RunOp("DecodeJpeg", {Bytes(jpeg.substr(0, jpeg.size() / 2))}, "");
  EXPECT_THAT(truncated.status().message(), HasSubstr("Invalid JPEG data"));
  auto quality =
      RunOp("EncodeJpegVariableQuality", {Pixels({8, 8, 3}, flat), testing::Ints({}, {101})}, "");
  EXPECT_THAT(quality.status().message(), HasSubstr("quality must be in [0,100]"));
}

// A 2x2 24-bit BMP, bottom-up rows padded to 4 bytes, BGR samples.
std::string Bmp() {
  std::string bmp = "BM";
  auto put32 = [&](uint32_t v) { bmp.append(reinterpret_cast<const char*>(&v), 4); };
  auto put16 = [&](uint16_t v) { bmp.append(reinterpret_cast<const char*>(&v), 2); };
  put32(54 + 16);
  put32(0);
  put32(54);
  put32(40);
  put32(2);
  put32(2);
  put16(1);
  put16(24);
  for (int i = 0; i < 6; ++i) put32(0);
  // Bottom row first: (0,0,255) (10,20,30), then the top row: (255,0,0) (0,255,0).
  bmp += std::string("\xff\x00\x00\x1e\x14\x0a\x00\x00", 8);
  bmp += std::string("\x00\x00\xff\x00\xff\x00\x00\x00", 8);
  return bmp;
}

TEST(CodecOpsTest, BmpRowsAndChannels) {
  auto decoded = RunOp("DecodeBmp", {Bytes(Bmp())}, "");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_THAT(U8((*decoded)[0]), ElementsAreArray(kRgb));
  auto wrong = RunOp("DecodeBmp", {Bytes(Bmp())}, "attr { key: 'channels' value { i: 4 } }");
  EXPECT_THAT(wrong.status().message(), HasSubstr("does not match bits per pixel"));
}

// GIF89a, 2x1, global palette {black, red}, transparent index 0 in frame 2 of 2.
std::string Gif() {
  return std::string(
      "GIF89a\x02\x00\x01\x00\x80\x00\x00"
      "\x00\x00\x00\xff\x00\x00"
      "\x2c\x00\x00\x00\x00\x02\x00\x01\x00\x00\x02\x02\x0c\x0a\x00"
      "\x21\xf9\x04\x01\x00\x00\x00\x00"
      "\x2c\x00\x00\x00\x00\x02\x00\x01\x00\x00\x02\x02\x44\x0a\x00"
      ";",
      6 + 7 + 6 + 15 + 8 + 15 + 1);
}

TEST(CodecOpsTest, GifFramesDrawOverThePreviousOne) {
  auto decoded = RunOp("DecodeGif", {Bytes(Gif())}, "");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_EQ(ShapeString((*decoded)[0].shape()), "[2,1,2,3]");
  const std::vector<uint8_t> pixels = U8((*decoded)[0]);
  // Frame 1 is (red, black); frame 2 paints (transparent, red): the red stays.
  EXPECT_THAT(pixels, ElementsAre(255, 0, 0, 0, 0, 0, 255, 0, 0, 255, 0, 0));
  auto first =
      RunOp("DecodeImage", {Bytes(Gif())}, "attr { key: 'expand_animations' value { b: false } }");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(ShapeString((*first)[0].shape()), "[1,2,3]");
}

TEST(CodecOpsTest, WebPLosslessAndDecodeImageScaling) {
  const std::vector<uint8_t> rgba = {1, 2, 3, 255, 250, 128, 0, 255};
  uint8_t* out = nullptr;
  const size_t size = WebPEncodeLosslessRGBA(rgba.data(), 2, 1, 8, &out);
  ASSERT_GT(size, 0u);
  const std::string webp(reinterpret_cast<const char*>(out), size);
  WebPFree(out);
  auto decoded = RunOp("DecodeWebP", {Bytes(webp)}, "");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(ShapeString((*decoded)[0].shape()), "[1,2,4]");
  EXPECT_THAT(U8((*decoded)[0]), ElementsAreArray(rgba));
  auto as_float = RunOp("DecodeImage", {Bytes(webp)},
                        "attr { key: 'channels' value { i: 3 } } "
                        "attr { key: 'dtype' value { type: DT_FLOAT } }");
  ASSERT_TRUE(as_float.ok()) << as_float.status();
  // TF scales by the float reciprocal: x * (1 / 255.f), which is not always x / 255.f.
  const float scale = 1.0f / 255;
  EXPECT_THAT(testing::FloatValues((*as_float)[0]),
              ElementsAre(1 * scale, 2 * scale, 3 * scale, 250 * scale, 128 * scale, 0));
  auto png = RunOp("DecodeImage", {Bytes(EncodedPng(Pixels({2, 2, 3}, kRgb)))}, "");
  ASSERT_TRUE(png.ok()) << png.status();
  EXPECT_THAT(U8((*png)[0]), ElementsAreArray(kRgb));
  auto unknown = RunOp("DecodeImage", {Bytes("not an image")}, "");
  EXPECT_THAT(unknown.status().message(), HasSubstr("Unknown image file format"));
}

}  // namespace
}  // namespace tfjs::runtime
