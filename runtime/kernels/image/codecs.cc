// Image codecs (see codecs.h): libjpeg-turbo, libpng, giflib and libwebp driven with the options
// TF's own decoders and encoders set (tensorflow/core/lib/{jpeg,png,gif}, decode_bmp_op.cc).
#include "runtime/kernels/image/codecs.h"

#include <csetjmp>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"

// clang-format off: jpeglib.h needs <cstdio> first.
#include <jerror.h>
#include <jpeglib.h>
// clang-format on
#include <gif_lib.h>
#include <png.h>
#include <webp/decode.h>
#include <webp/demux.h>

namespace tfjs::runtime::image {
namespace {

// libjpeg errors longjmp back here; warnings note a premature end of the data.
struct JpegError {
  jpeg_error_mgr manager;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  bool truncated = false;
};

void JpegErrorExit(j_common_ptr info) {
  JpegError* error = reinterpret_cast<JpegError*>(info->err);
  (*info->err->format_message)(info, error->message);
  longjmp(error->jump, 1);
}

void JpegEmitMessage(j_common_ptr info, int level) {
  JpegError* error = reinterpret_cast<JpegError*>(info->err);
  if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF) error->truncated = true;
}

void InstallJpegErrors(JpegError& error, jpeg_common_struct* info) {
  info->err = jpeg_std_error(&error.manager);
  error.manager.error_exit = JpegErrorExit;
  error.manager.emit_message = JpegEmitMessage;
  error.message[0] = '\0';
}

absl::Status JpegFailure(const JpegError& error, size_t size) {
  return absl::InvalidArgumentError(absl::StrCat("Invalid JPEG data or crop window, data size ",
                                                 size, error.message[0] ? ": " : "",
                                                 error.message));
}

}  // namespace

Format SniffFormat(absl::string_view contents) {
  if (contents.size() >= 3 && contents.substr(0, 3) == "\xff\xd8\xff") return Format::kJpeg;
  if (contents.size() >= 8 && contents.substr(0, 8) == "\x89PNG\r\n\x1a\n") return Format::kPng;
  if (contents.size() >= 3 && contents.substr(0, 3) == "GIF") return Format::kGif;
  if (contents.size() >= 2 && contents.substr(0, 2) == "BM") return Format::kBmp;
  if (contents.size() >= 12 && contents.substr(0, 4) == "RIFF" && contents.substr(8, 4) == "WEBP") {
    return Format::kWebP;
  }
  return Format::kUnknown;
}

absl::StatusOr<Pixels> DecodeJpeg(absl::string_view contents, const JpegOptions& options) {
  jpeg_decompress_struct info;
  JpegError error;
  InstallJpegErrors(error, reinterpret_cast<jpeg_common_struct*>(&info));
  // Everything setjmp may return to is declared before it.
  Pixels pixels;
  std::vector<uint8_t> row;
  if (setjmp(error.jump)) {
    jpeg_destroy_decompress(&info);
    return JpegFailure(error, contents.size());
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(contents.data()),
               static_cast<unsigned long>(contents.size()));
  jpeg_read_header(&info, TRUE);
  const int components =
      options.channels == 0 ? std::min(info.num_components, 3) : options.channels;
  const bool cmyk =
      components == 3 && (info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK);
  info.out_color_space = components == 1 ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
  info.scale_num = 1;
  info.scale_denom = options.ratio;
  info.do_fancy_upsampling = options.fancy_upscaling;
  info.dct_method = options.dct_method == "INTEGER_ACCURATE" ? JDCT_ISLOW : JDCT_IFAST;
  jpeg_start_decompress(&info);
  const int64_t height = info.output_height;
  const int64_t width = info.output_width;
  const int stride = static_cast<int>(width) * info.output_components;
  int64_t top = 0, left = 0, out_height = height, out_width = width;
  if (options.crop) {
    if (options.crop_height <= 0 || options.crop_width <= 0 || options.crop_y < 0 ||
        options.crop_x < 0 || options.crop_y + int64_t{options.crop_height} > height ||
        options.crop_x + int64_t{options.crop_width} > width) {
      jpeg_destroy_decompress(&info);
      return absl::InvalidArgumentError(
          absl::StrCat("Invalid JPEG data or crop window, data size ", contents.size()));
    }
    top = options.crop_y;
    left = options.crop_x;
    out_height = options.crop_height;
    out_width = options.crop_width;
  }
  pixels.height = out_height;
  pixels.width = out_width;
  pixels.channels = components;
  pixels.samples.assign(out_height * out_width * components, 0);
  row.resize(stride);
  while (info.output_scanline < info.output_height) {
    const int64_t y = info.output_scanline;
    JSAMPROW rows[1] = {row.data()};
    if (jpeg_read_scanlines(&info, rows, 1) != 1) break;
    if (y < top || y >= top + out_height) continue;
    uint8_t* out = pixels.samples.data() + (y - top) * out_width * components;
    for (int64_t x = 0; x < out_width; ++x) {
      const uint8_t* in = row.data() + (left + x) * info.output_components;
      if (cmyk) {
        // As TF: Adobe files store inverted CMYK.
        const int c = in[0], m = in[1], ye = in[2], k = in[3];
        if (info.saw_Adobe_marker) {
          out[3 * x] = static_cast<uint8_t>(k * c / 255);
          out[3 * x + 1] = static_cast<uint8_t>(k * m / 255);
          out[3 * x + 2] = static_cast<uint8_t>(k * ye / 255);
        } else {
          out[3 * x] = static_cast<uint8_t>((255 - k) * (255 - c) / 255);
          out[3 * x + 1] = static_cast<uint8_t>((255 - k) * (255 - m) / 255);
          out[3 * x + 2] = static_cast<uint8_t>((255 - k) * (255 - ye) / 255);
        }
      } else {
        std::memcpy(out + x * components, in, components);
      }
    }
  }
  if (error.truncated && !options.try_recover_truncated) {
    jpeg_destroy_decompress(&info);
    return absl::InvalidArgumentError(absl::StrCat("Invalid JPEG data or crop window, data size ",
                                                   contents.size(),
                                                   ": premature end of JPEG data"));
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return pixels;
}

absl::StatusOr<std::vector<int64_t>> JpegShape(absl::string_view contents) {
  jpeg_decompress_struct info;
  JpegError error;
  InstallJpegErrors(error, reinterpret_cast<jpeg_common_struct*>(&info));
  if (setjmp(error.jump)) {
    jpeg_destroy_decompress(&info);
    return absl::InvalidArgumentError(absl::StrCat("Not a valid JPEG file: ", error.message));
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(contents.data()),
               static_cast<unsigned long>(contents.size()));
  jpeg_read_header(&info, TRUE);
  std::vector<int64_t> shape = {info.image_height, info.image_width, info.num_components};
  jpeg_destroy_decompress(&info);
  return shape;
}

namespace {

struct PngReader {
  absl::string_view data;
  size_t offset = 0;
  std::string error;
};

void PngRead(png_structp png, png_bytep out, png_size_t length) {
  PngReader* reader = static_cast<PngReader*>(png_get_io_ptr(png));
  if (reader->data.size() - reader->offset < length) {
    png_error(png, "Read beyond the end of the PNG data");
  }
  std::memcpy(out, reader->data.data() + reader->offset, length);
  reader->offset += length;
}

void PngErrorHandler(png_structp png, png_const_charp message) {
  static_cast<PngReader*>(png_get_error_ptr(png))->error = message;
  png_longjmp(png, 1);
}

void PngWarningHandler(png_structp, png_const_charp) {}

}  // namespace

absl::StatusOr<Pixels> DecodePng(absl::string_view contents, int channels, bool sixteen_bit) {
  PngReader reader{contents};
  png_structp png =
      png_create_read_struct(PNG_LIBPNG_VER_STRING, &reader, PngErrorHandler, PngWarningHandler);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (png == nullptr || info == nullptr) {
    png_destroy_read_struct(&png, &info, nullptr);
    return absl::InternalError("libpng could not start");
  }
  Pixels pixels;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return absl::InvalidArgumentError(
        absl::StrCat("Invalid PNG data, size ", contents.size(), ": ", reader.error));
  }
  png_set_read_fn(png, &reader, PngRead);
  png_read_info(png, info);
  png_uint_32 width = 0, height = 0;
  int bit_depth = 0, color_type = 0;
  png_get_IHDR(png, info, &width, &height, &bit_depth, &color_type, nullptr, nullptr, nullptr);
  const bool has_trns = png_get_valid(png, info, PNG_INFO_tRNS) != 0;
  if (channels == 0) {
    channels =
        color_type == PNG_COLOR_TYPE_PALETTE ? (has_trns ? 4 : 3) : png_get_channels(png, info);
  }
  // TF's CommonInitDecode transformations, in its order.
  const bool has_alpha = (color_type & PNG_COLOR_MASK_ALPHA) != 0;
  if ((channels & 1) == 0) {
    if (!has_alpha) {
      if (has_trns) {
        png_set_tRNS_to_alpha(png);
      } else {
        png_set_add_alpha(png, (1 << bit_depth) - 1, PNG_FILLER_AFTER);
      }
    }
  } else if (has_alpha || has_trns) {
    png_set_strip_alpha(png);
  }
  const int sample_bits = sixteen_bit ? 16 : 8;
  if (bit_depth > 8 && sample_bits <= 8) png_set_strip_16(png);
  const bool synthesize_16 = bit_depth <= 8 && sample_bits == 16;
  png_set_packing(png);
  const int passes = png_set_interlace_handling(png);
  if (sample_bits > 8 && !synthesize_16) png_set_swap(png);
  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  const bool want_gray = channels < 3;
  const bool is_gray = (color_type & PNG_COLOR_MASK_COLOR) == 0;
  if (is_gray && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (want_gray && !is_gray) png_set_rgb_to_gray(png, 1, 0.299, 0.587);
  if (!want_gray && is_gray) png_set_gray_to_rgb(png);
  png_read_update_info(png, info);
  pixels.height = height;
  pixels.width = width;
  pixels.channels = channels;
  const int bytes_per_sample = synthesize_16 || sample_bits == 8 ? 1 : 2;
  const size_t row_bytes = static_cast<size_t>(width) * channels * bytes_per_sample;
  if (png_get_rowbytes(png, info) != row_bytes) {
    png_destroy_read_struct(&png, &info, nullptr);
    return absl::InvalidArgumentError("PNG row size does not match its channels");
  }
  std::vector<uint8_t> data(row_bytes * height);
  for (int pass = 0; pass < passes; ++pass) {
    for (png_uint_32 y = 0; y < height; ++y)
      png_read_row(png, data.data() + y * row_bytes, nullptr);
  }
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  if (sample_bits == 8) {
    pixels.samples = std::move(data);
  } else if (synthesize_16) {
    pixels.samples16.resize(data.size());
    for (size_t i = 0; i < data.size(); ++i) pixels.samples16[i] = data[i] * 257;
  } else {
    pixels.samples16.resize(data.size() / 2);
    std::memcpy(pixels.samples16.data(), data.data(), data.size());
  }
  return pixels;
}

namespace {

int GifRead(GifFileType* gif, GifByteType* out, int length) {
  auto* reader = static_cast<PngReader*>(gif->UserData);
  const size_t count = std::min<size_t>(length, reader->data.size() - reader->offset);
  std::memcpy(out, reader->data.data() + reader->offset, count);
  reader->offset += count;
  return static_cast<int>(count);
}

}  // namespace

absl::StatusOr<Pixels> DecodeGif(absl::string_view contents) {
  PngReader reader{contents};
  int error = 0;
  GifFileType* gif = DGifOpen(&reader, GifRead, &error);
  if (gif == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("Failed to open gif file: ", GifErrorString(error)));
  }
  auto close = [&] { DGifCloseFile(gif, &error); };
  if (DGifSlurp(gif) != GIF_OK) {
    const std::string message = GifErrorString(gif->Error);
    close();
    return absl::InvalidArgumentError(absl::StrCat("Failed to slurp gif file: ", message));
  }
  if (gif->ImageCount <= 0) {
    close();
    return absl::InvalidArgumentError("Gif file does not contain any image");
  }
  Pixels pixels;
  pixels.frames = gif->ImageCount;
  pixels.height = gif->SHeight;
  pixels.width = gif->SWidth;
  pixels.channels = 3;
  const int64_t frame_size = pixels.height * pixels.width * 3;
  pixels.samples.assign(pixels.frames * frame_size, 0);
  for (int k = 0; k < gif->ImageCount; ++k) {
    uint8_t* frame = pixels.samples.data() + k * frame_size;
    if (k > 0) std::memcpy(frame, frame - frame_size, frame_size);
    const SavedImage& image = gif->SavedImages[k];
    const GifImageDesc& desc = image.ImageDesc;
    GraphicsControlBlock control;
    control.TransparentColor = NO_TRANSPARENT_COLOR;
    DGifSavedExtensionToGCB(gif, k, &control);
    const ColorMapObject* colors = desc.ColorMap != nullptr ? desc.ColorMap : gif->SColorMap;
    if (colors == nullptr) {
      close();
      return absl::InvalidArgumentError("missing color map");
    }
    const int64_t top = std::max(desc.Top, 0), left = std::max(desc.Left, 0);
    const int64_t bottom = std::min<int64_t>(desc.Top + desc.Height, pixels.height);
    const int64_t right = std::min<int64_t>(desc.Left + desc.Width, pixels.width);
    for (int64_t y = top; y < bottom; ++y) {
      for (int64_t x = left; x < right; ++x) {
        const int index = image.RasterBits[(y - desc.Top) * desc.Width + (x - desc.Left)];
        if (index == control.TransparentColor) continue;
        if (index >= colors->ColorCount) {
          close();
          return absl::InvalidArgumentError(absl::StrCat(
              "found color index ", index, " outside of color map range ", colors->ColorCount));
        }
        uint8_t* out = frame + (y * pixels.width + x) * 3;
        out[0] = colors->Colors[index].Red;
        out[1] = colors->Colors[index].Green;
        out[2] = colors->Colors[index].Blue;
      }
    }
  }
  close();
  return pixels;
}

absl::StatusOr<Pixels> DecodeBmp(absl::string_view contents, int channels) {
  auto read32 = [&](size_t at) {
    uint32_t value;
    std::memcpy(&value, contents.data() + at, 4);
    return value;
  };
  if (contents.size() < 30 || contents.substr(0, 2) != "BM") {
    return absl::InvalidArgumentError(
        absl::StrCat("Size of BMP file is too small or not a BMP file: ", contents.size()));
  }
  const uint32_t offset = read32(10);
  const int32_t width = static_cast<int32_t>(read32(18));
  const int32_t raw_height = static_cast<int32_t>(read32(22));
  uint16_t bpp;
  std::memcpy(&bpp, contents.data() + 28, 2);
  if (channels == 0) channels = bpp / 8;
  if (channels != bpp / 8) {
    return absl::InvalidArgumentError(absl::StrCat(
        "channels attribute ", channels, " does not match bits per pixel from file ", bpp / 8));
  }
  if (channels != 1 && channels != 3 && channels != 4) {
    return absl::InvalidArgumentError(
        absl::StrCat("Number of channels must be 1, 3 or 4, was ", channels));
  }
  if (width <= 0 || raw_height == 0 || raw_height == INT32_MIN) {
    return absl::InvalidArgumentError(
        absl::StrCat("BMP width and height must be non-zero, got ", width, " x ", raw_height));
  }
  const bool top_down = raw_height < 0;
  const int64_t height = top_down ? -int64_t{raw_height} : raw_height;
  const int64_t row_size = (8 * int64_t{channels} * width + 31) / 32 * 4;
  if (offset > contents.size() ||
      (contents.size() - offset) < row_size * (height - 1) + int64_t{channels} * width) {
    return absl::InvalidArgumentError(
        "Input size should match (header_size + row_size * abs_height)");
  }
  Pixels pixels;
  pixels.height = height;
  pixels.width = width;
  pixels.channels = channels;
  pixels.samples.resize(height * width * channels);
  const uint8_t* data = reinterpret_cast<const uint8_t*>(contents.data()) + offset;
  for (int64_t y = 0; y < height; ++y) {
    const uint8_t* in = data + (top_down ? y : height - 1 - y) * row_size;
    uint8_t* out = pixels.samples.data() + y * width * channels;
    for (int64_t x = 0; x < width; ++x) {
      const uint8_t* p = in + x * channels;
      uint8_t* q = out + x * channels;
      if (channels == 1) {
        q[0] = p[0];
      } else {
        q[0] = p[2];
        q[1] = p[1];
        q[2] = p[0];
        if (channels == 4) q[3] = p[3];
      }
    }
  }
  return pixels;
}

absl::StatusOr<Pixels> DecodeWebP(absl::string_view contents, int channels) {
  if (channels != 0 && channels != 3 && channels != 4) {
    return absl::InvalidArgumentError(
        absl::StrCat("channels must be 0, 3 or 4 for WebP, got ", channels));
  }
  const int out_channels = channels == 3 ? 3 : 4;
  WebPData data = {reinterpret_cast<const uint8_t*>(contents.data()), contents.size()};
  WebPAnimDecoderOptions options;
  WebPAnimDecoderOptionsInit(&options);
  options.color_mode = MODE_RGBA;
  WebPAnimDecoder* decoder = WebPAnimDecoderNew(&data, &options);
  if (decoder == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("Invalid WebP data, size ", contents.size()));
  }
  WebPAnimInfo info;
  WebPAnimDecoderGetInfo(decoder, &info);
  Pixels pixels;
  pixels.frames = info.frame_count;
  pixels.height = info.canvas_height;
  pixels.width = info.canvas_width;
  pixels.channels = out_channels;
  const int64_t frame_pixels = pixels.height * pixels.width;
  pixels.samples.resize(pixels.frames * frame_pixels * out_channels);
  int64_t frame = 0;
  while (WebPAnimDecoderHasMoreFrames(decoder) && frame < pixels.frames) {
    uint8_t* rgba = nullptr;
    int timestamp = 0;
    if (!WebPAnimDecoderGetNext(decoder, &rgba, &timestamp)) {
      WebPAnimDecoderDelete(decoder);
      return absl::InvalidArgumentError("Failed to decode a WebP frame");
    }
    uint8_t* out = pixels.samples.data() + frame * frame_pixels * out_channels;
    for (int64_t p = 0; p < frame_pixels; ++p) {
      std::memcpy(out + p * out_channels, rgba + p * 4, out_channels);
    }
    ++frame;
  }
  WebPAnimDecoderDelete(decoder);
  return pixels;
}

absl::StatusOr<std::string> EncodeJpeg(const uint8_t* pixels, int64_t height, int64_t width,
                                       int channels, const JpegEncodeOptions& options) {
  jpeg_compress_struct info;
  JpegError error;
  InstallJpegErrors(error, reinterpret_cast<jpeg_common_struct*>(&info));
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  if (setjmp(error.jump)) {
    jpeg_destroy_compress(&info);
    free(buffer);
    return absl::InvalidArgumentError(absl::StrCat("JPEG encoding failed: ", error.message));
  }
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = static_cast<JDIMENSION>(width);
  info.image_height = static_cast<JDIMENSION>(height);
  info.input_components = channels;
  info.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&info);
  if (options.optimize_size) info.optimize_coding = TRUE;
  info.density_unit = options.density_unit == "cm" ? 2 : 1;
  info.X_density = static_cast<UINT16>(options.x_density);
  info.Y_density = static_cast<UINT16>(options.y_density);
  info.write_JFIF_header = TRUE;
  jpeg_set_quality(&info, options.quality, TRUE);
  if (options.progressive) jpeg_simple_progression(&info);
  if (!options.chroma_downsampling) {
    for (int i = 0; i < info.num_components; ++i) {
      info.comp_info[i].h_samp_factor = 1;
      info.comp_info[i].v_samp_factor = 1;
    }
  }
  jpeg_start_compress(&info, TRUE);
  if (!options.xmp_metadata.empty()) {
    const std::string xmp =
        std::string("http://ns.adobe.com/xap/1.0/") + '\0' + options.xmp_metadata;
    jpeg_write_marker(&info, JPEG_APP0 + 1, reinterpret_cast<const JOCTET*>(xmp.data()),
                      static_cast<unsigned int>(xmp.size()));
  }
  const int64_t stride = width * channels;
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(pixels + info.next_scanline * stride);
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  std::string encoded(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&info);
  free(buffer);
  return encoded;
}

namespace {

void PngWrite(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))
      ->append(reinterpret_cast<const char*>(data), length);
}

void PngFlush(png_structp) {}

}  // namespace

absl::StatusOr<std::string> EncodePng(const void* pixels, int64_t height, int64_t width,
                                      int channels, int sample_bytes, int compression) {
  std::string encoded;
  PngReader errors;
  png_structp png =
      png_create_write_struct(PNG_LIBPNG_VER_STRING, &errors, PngErrorHandler, PngWarningHandler);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (png == nullptr || info == nullptr) {
    png_destroy_write_struct(&png, &info);
    return absl::InternalError("libpng could not start");
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return absl::InvalidArgumentError(absl::StrCat("PNG encoding failed: ", errors.error));
  }
  static constexpr int kColorTypes[] = {PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA,
                                        PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA};
  png_set_write_fn(png, &encoded, PngWrite, PngFlush);
  png_set_compression_level(png, compression < 0 ? -1 : compression);
  png_set_compression_mem_level(png, 9);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height),
               8 * sample_bytes, kColorTypes[channels - 1], PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  if (sample_bytes == 2) png_set_swap(png);
  const int64_t row_bytes = width * channels * sample_bytes;
  const auto* rows = static_cast<const uint8_t*>(pixels);
  for (int64_t y = 0; y < height; ++y) {
    png_write_row(png, const_cast<png_bytep>(rows + y * row_bytes));
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return encoded;
}

}  // namespace tfjs::runtime::image
