// Image codecs with TF's options and results, on Debian's libjpeg-turbo, libpng, giflib and
// libwebp: decoders to interleaved 8-bit (PNG: 16-bit too) pixels, and the JPEG and PNG encoders.
// Shared by the Decode*/Encode* kernels and DecodeImage, which sniffs the format.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_IMAGE_CODECS_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_IMAGE_CODECS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tfjs::runtime::image {

// Decoded pixels: frames x height x width x channels, interleaved, 8-bit samples (or 16-bit
// ones in `samples16` for PNGs decoded to uint16).
struct Pixels {
  int64_t frames = 1;
  int64_t height = 0;
  int64_t width = 0;
  int channels = 0;
  std::vector<uint8_t> samples;
  std::vector<uint16_t> samples16;
};

// TF's DecodeJpeg attrs (jpeg::UncompressFlags).
struct JpegOptions {
  int channels = 0;  // 0: the file's (grayscale 1, else 3); 1 or 3.
  int ratio = 1;     // Downscaling: 1, 2, 4 or 8.
  bool fancy_upscaling = true;
  bool try_recover_truncated = false;
  float acceptable_fraction = 1;
  // "" and "INTEGER_FAST": libjpeg's JDCT_IFAST (TF's default); "INTEGER_ACCURATE": JDCT_ISLOW.
  std::string dct_method;
  // DecodeAndCropJpeg's window (y, x, height, width); crop is false for the whole image.
  bool crop = false;
  int crop_y = 0, crop_x = 0, crop_height = 0, crop_width = 0;
};

enum class Format { kUnknown, kJpeg, kPng, kGif, kBmp, kWebP };
// The format by its magic bytes, as DecodeImage tells them.
Format SniffFormat(absl::string_view contents);

absl::StatusOr<Pixels> DecodeJpeg(absl::string_view contents, const JpegOptions& options);
// [height, width, components] of a JPEG without decoding its pixels.
absl::StatusOr<std::vector<int64_t>> JpegShape(absl::string_view contents);
// channels 0: the file's (palette: 3, or 4 with tRNS); 1-4 convert as libpng does for TF.
absl::StatusOr<Pixels> DecodePng(absl::string_view contents, int channels, bool sixteen_bit);
// Every frame, RGB, each drawn over the previous one as TF does (no disposal modes).
absl::StatusOr<Pixels> DecodeGif(absl::string_view contents);
absl::StatusOr<Pixels> DecodeBmp(absl::string_view contents, int channels);
// channels 0 or 4: RGBA; 3: RGB. Animated files give every frame composited.
absl::StatusOr<Pixels> DecodeWebP(absl::string_view contents, int channels);

// TF's EncodeJpeg attrs.
struct JpegEncodeOptions {
  std::string format;  // "", "grayscale" or "rgb": "" takes the image's channels.
  int quality = 95;
  bool progressive = false;
  bool optimize_size = false;
  bool chroma_downsampling = true;
  std::string density_unit = "in";
  int x_density = 300;
  int y_density = 300;
  std::string xmp_metadata;
};
absl::StatusOr<std::string> EncodeJpeg(const uint8_t* pixels, int64_t height, int64_t width,
                                       int channels, const JpegEncodeOptions& options);
// 8- or 16-bit samples (sample_bytes 1 or 2), compression -1 (zlib's default) to 9.
absl::StatusOr<std::string> EncodePng(const void* pixels, int64_t height, int64_t width,
                                      int channels, int sample_bytes, int compression);

}  // namespace tfjs::runtime::image

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_IMAGE_CODECS_H_
