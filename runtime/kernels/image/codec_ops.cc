// The image codec ops: DecodeJpeg, DecodeAndCropJpeg, DecodePng, DecodeGif, DecodeBmp,
// DecodeWebP, DecodeImage (any of them, sniffed), ExtractJpegShape, EncodeJpeg,
// EncodeJpegVariableQuality and EncodePng, with TF's attrs, shapes and checks (codecs.h).
#include <cstring>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/image/codecs.h"

namespace tfjs::runtime {
namespace {

using image::Format;
using image::Pixels;

absl::StatusOr<absl::string_view> Contents(const OpContext& context) {
  const Tensor& contents = context.input(0);
  if (contents.dtype() != tensorflow::DT_STRING || contents.rank() != 0) {
    return context.Error(absl::StrCat("contents must be a string scalar, got shape ",
                                      ShapeString(contents.shape())));
  }
  return absl::string_view(contents.strings()[0]);
}

int64_t IntAttr(const OpContext& context, const char* name, int64_t fallback) {
  auto it = context.node().attr().find(name);
  return it == context.node().attr().end() ? fallback : it->second.i();
}

// Pixels as a uint8 / uint16 / float32 tensor: [frames,] height, width, channels. Other widths
// scale as TF's DecodeImage does (uint16 = uint8 * 257, float = sample / max).
absl::StatusOr<Tensor> PixelsTensor(const Pixels& pixels, DataType dtype, bool with_frames) {
  Shape shape = {pixels.height, pixels.width, pixels.channels};
  if (with_frames) shape.insert(shape.begin(), pixels.frames);
  const int64_t count = NumElements(shape);
  absl::StatusOr<Tensor> tensor = Tensor::Allocate(dtype, shape);
  if (!tensor.ok()) return tensor.status();
  const bool wide = !pixels.samples16.empty();
  auto sample = [&](int64_t i) -> uint32_t {
    return wide ? pixels.samples16[i] : pixels.samples[i];
  };
  switch (dtype) {
    case tensorflow::DT_UINT8:
      for (int64_t i = 0; i < count; ++i) {
        tensor->mutable_data<uint8_t>()[i] =
            static_cast<uint8_t>(wide ? sample(i) / 257 : sample(i));
      }
      break;
    case tensorflow::DT_UINT16:
      for (int64_t i = 0; i < count; ++i) {
        tensor->mutable_data<uint16_t>()[i] =
            static_cast<uint16_t>(wide ? sample(i) : sample(i) * 257);
      }
      break;
    case tensorflow::DT_FLOAT: {
      const float scale = wide ? 1.0f / 65535 : 1.0f / 255;
      for (int64_t i = 0; i < count; ++i) {
        tensor->mutable_data<float>()[i] = static_cast<float>(sample(i)) * scale;
      }
      break;
    }
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("images decode to uint8, uint16 or float32, not ", DataTypeName(dtype)));
  }
  return tensor;
}

absl::StatusOr<image::JpegOptions> JpegOptionsOf(const OpContext& context) {
  image::JpegOptions options;
  options.channels = static_cast<int>(IntAttr(context, "channels", 0));
  options.ratio = static_cast<int>(IntAttr(context, "ratio", 1));
  const auto& attrs = context.node().attr();
  if (attrs.count("fancy_upscaling")) options.fancy_upscaling = attrs.at("fancy_upscaling").b();
  if (attrs.count("try_recover_truncated")) {
    options.try_recover_truncated = attrs.at("try_recover_truncated").b();
  }
  if (attrs.count("acceptable_fraction")) {
    options.acceptable_fraction = attrs.at("acceptable_fraction").f();
  }
  if (attrs.count("dct_method")) options.dct_method = attrs.at("dct_method").s();
  if (options.channels != 0 && options.channels != 1 && options.channels != 3) {
    return context.Error(
        absl::StrCat("channels must be 0, 1, or 3 for JPEG, got ", options.channels));
  }
  if (options.ratio != 1 && options.ratio != 2 && options.ratio != 4 && options.ratio != 8) {
    return context.Error(absl::StrCat("ratio must be 1, 2, 4, or 8, got ", options.ratio));
  }
  if (!options.dct_method.empty() && options.dct_method != "INTEGER_FAST" &&
      options.dct_method != "INTEGER_ACCURATE") {
    return context.Error(
        absl::StrCat("dct_method must be one of {'', 'INTEGER_FAST', 'INTEGER_ACCURATE'}, got ",
                     options.dct_method));
  }
  return options;
}

absl::Status SetPixels(OpContext& context, absl::StatusOr<Pixels> pixels, DataType dtype,
                       bool with_frames) {
  if (!pixels.ok()) return context.Error(pixels.status().message());
  absl::StatusOr<Tensor> tensor = PixelsTensor(*pixels, dtype, with_frames);
  if (!tensor.ok()) return context.Error(tensor.status().message());
  context.set_output(0, *std::move(tensor));
  return absl::OkStatus();
}

template <bool kCrop>
absl::Status ComputeDecodeJpeg(OpContext& context) {
  const int inputs = kCrop ? 2 : 1;
  if (absl::Status status = context.CheckNumInputs(inputs, inputs); !status.ok()) return status;
  absl::StatusOr<absl::string_view> contents = Contents(context);
  if (!contents.ok()) return contents.status();
  absl::StatusOr<image::JpegOptions> options = JpegOptionsOf(context);
  if (!options.ok()) return options.status();
  if (kCrop) {
    const Tensor& window = context.input(1);
    if (window.dtype() != tensorflow::DT_INT32 || window.rank() != 1 || window.dim(0) != 4) {
      return context.Error(
          absl::StrCat("crop_window must be shape [4], got ", ShapeString(window.shape())));
    }
    options->crop = true;
    options->crop_y = window.data<int32_t>()[0];
    options->crop_x = window.data<int32_t>()[1];
    options->crop_height = window.data<int32_t>()[2];
    options->crop_width = window.data<int32_t>()[3];
  }
  return SetPixels(context, image::DecodeJpeg(*contents, *options), tensorflow::DT_UINT8, false);
}

DataType DtypeAttr(const OpContext& context, const char* name) {
  auto it = context.node().attr().find(name);
  return it == context.node().attr().end() ? tensorflow::DT_UINT8 : it->second.type();
}

absl::Status ComputeDecodePng(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<absl::string_view> contents = Contents(context);
  if (!contents.ok()) return contents.status();
  const int channels = static_cast<int>(IntAttr(context, "channels", 0));
  if (channels < 0 || channels > 4) {
    return context.Error(absl::StrCat("channels must be 0, 1, 2, 3, or 4 for PNG, got ", channels));
  }
  const DataType dtype = DtypeAttr(context, "dtype");
  return SetPixels(context, image::DecodePng(*contents, channels, dtype == tensorflow::DT_UINT16),
                   dtype, false);
}

absl::Status ComputeDecodeGif(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<absl::string_view> contents = Contents(context);
  if (!contents.ok()) return contents.status();
  return SetPixels(context, image::DecodeGif(*contents), tensorflow::DT_UINT8, true);
}

absl::Status ComputeDecodeBmp(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<absl::string_view> contents = Contents(context);
  if (!contents.ok()) return contents.status();
  const int channels = static_cast<int>(IntAttr(context, "channels", 0));
  return SetPixels(context, image::DecodeBmp(*contents, channels), tensorflow::DT_UINT8, false);
}

absl::Status ComputeDecodeWebP(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<absl::string_view> contents = Contents(context);
  if (!contents.ok()) return contents.status();
  absl::StatusOr<Pixels> pixels =
      image::DecodeWebP(*contents, static_cast<int>(IntAttr(context, "channels", 0)));
  if (!pixels.ok()) return context.Error(pixels.status().message());
  return SetPixels(context, std::move(pixels), tensorflow::DT_UINT8, pixels->frames > 1);
}

// DecodeImage: the format by its magic bytes, then that decoder with TF's channel rules; GIFs
// (and animated WebPs) are 4-D with expand_animations, else their first frame.
absl::Status ComputeDecodeImage(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<absl::string_view> contents = Contents(context);
  if (!contents.ok()) return contents.status();
  const int channels = static_cast<int>(IntAttr(context, "channels", 0));
  if (channels != 0 && channels != 1 && channels != 3 && channels != 4) {
    return context.Error(absl::StrCat("channels must be 0, 1, 3 or 4, got ", channels));
  }
  const DataType dtype = DtypeAttr(context, "dtype");
  const auto& attrs = context.node().attr();
  const bool expand = !attrs.count("expand_animations") || attrs.at("expand_animations").b();
  absl::StatusOr<Pixels> pixels;
  bool animated = false;
  switch (image::SniffFormat(*contents)) {
    case Format::kJpeg: {
      if (channels == 4) return context.Error("channels must be 0, 1 or 3 for JPEG, got 4");
      image::JpegOptions options;
      options.channels = channels;
      pixels = image::DecodeJpeg(*contents, options);
      break;
    }
    case Format::kPng:
      pixels = image::DecodePng(*contents, channels, dtype != tensorflow::DT_UINT8);
      break;
    case Format::kGif:
      if (channels != 0 && channels != 3) {
        return context.Error(absl::StrCat("channels must be 0 or 3 for GIF, got ", channels));
      }
      pixels = image::DecodeGif(*contents);
      animated = true;
      break;
    case Format::kBmp:
      pixels = image::DecodeBmp(*contents, channels);
      break;
    case Format::kWebP:
      if (channels == 1) return context.Error("channels must be 0, 3 or 4 for WebP, got 1");
      pixels = image::DecodeWebP(*contents, channels);
      animated = pixels.ok() && pixels->frames > 1;
      break;
    default:
      return context.Error(
          "Unknown image file format. One of JPEG, PNG, GIF, BMP or WebP required.");
  }
  if (!pixels.ok()) return context.Error(pixels.status().message());
  if (animated && !expand) {
    pixels->frames = 1;
    pixels->samples.resize(pixels->height * pixels->width * pixels->channels);
  }
  return SetPixels(context, std::move(pixels), dtype, animated && expand);
}

absl::Status ComputeExtractJpegShape(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  absl::StatusOr<absl::string_view> contents = Contents(context);
  if (!contents.ok()) return contents.status();
  absl::StatusOr<std::vector<int64_t>> shape = image::JpegShape(*contents);
  if (!shape.ok()) return context.Error(shape.status().message());
  auto it = context.node().attr().find("output_type");
  const DataType dtype =
      it == context.node().attr().end() ? tensorflow::DT_INT32 : it->second.type();
  Tensor output = *Tensor::Allocate(dtype, {3});
  for (int i = 0; i < 3; ++i) {
    if (dtype == tensorflow::DT_INT32) {
      output.mutable_data<int32_t>()[i] = static_cast<int32_t>((*shape)[i]);
    } else {
      output.mutable_data<int64_t>()[i] = (*shape)[i];
    }
  }
  context.set_output(0, std::move(output));
  return absl::OkStatus();
}

template <bool kVariableQuality>
absl::Status ComputeEncodeJpeg(OpContext& context) {
  const int inputs = kVariableQuality ? 2 : 1;
  if (absl::Status status = context.CheckNumInputs(inputs, inputs); !status.ok()) return status;
  const Tensor& image = context.input(0);
  if (image.dtype() != tensorflow::DT_UINT8 || image.rank() != 3) {
    return context.Error(
        absl::StrCat("image must be 3-dimensional uint8, got shape ", ShapeString(image.shape())));
  }
  const auto& attrs = context.node().attr();
  image::JpegEncodeOptions options;
  if (attrs.count("format")) options.format = attrs.at("format").s();
  if (attrs.count("quality")) options.quality = static_cast<int>(attrs.at("quality").i());
  if (attrs.count("progressive")) options.progressive = attrs.at("progressive").b();
  if (attrs.count("optimize_size")) options.optimize_size = attrs.at("optimize_size").b();
  if (attrs.count("chroma_downsampling")) {
    options.chroma_downsampling = attrs.at("chroma_downsampling").b();
  }
  if (attrs.count("density_unit")) options.density_unit = attrs.at("density_unit").s();
  if (attrs.count("x_density")) options.x_density = static_cast<int>(attrs.at("x_density").i());
  if (attrs.count("y_density")) options.y_density = static_cast<int>(attrs.at("y_density").i());
  if (attrs.count("xmp_metadata")) options.xmp_metadata = attrs.at("xmp_metadata").s();
  if (kVariableQuality) {
    const Tensor& quality = context.input(1);
    if (quality.dtype() != tensorflow::DT_INT32 || quality.rank() != 0) {
      return context.Error(absl::StrCat("quality must be scalar: ", ShapeString(quality.shape())));
    }
    options.quality = *quality.data<int32_t>();
  }
  if (options.quality < 0 || options.quality > 100) {
    return context.Error(absl::StrCat("quality must be in [0,100], got ", options.quality));
  }
  const int channels = static_cast<int>(image.dim(2));
  const int wanted = options.format == "grayscale" ? 1 : options.format == "rgb" ? 3 : 0;
  if (wanted == 0 && channels != 1 && channels != 3) {
    return context.Error(
        absl::StrCat("image must have 1 or 3 channels, got ", ShapeString(image.shape())));
  }
  if (wanted != 0 && channels != wanted) {
    return context.Error(absl::StrCat("format ", options.format, " expects ", wanted,
                                      " channels, got ", ShapeString(image.shape())));
  }
  if (image.dim(0) > 65535 || image.dim(1) > 65535) {
    return context.Error(absl::StrCat("image too large to encode: ", ShapeString(image.shape())));
  }
  absl::StatusOr<std::string> encoded =
      image.num_elements() == 0
          ? absl::StatusOr<std::string>(absl::InvalidArgumentError("image is empty"))
          : image::EncodeJpeg(image.data<uint8_t>(), image.dim(0), image.dim(1), channels, options);
  if (!encoded.ok()) return context.Error(encoded.status().message());
  context.set_output(0, Tensor::Strings({}, {*std::move(encoded)}));
  return absl::OkStatus();
}

absl::Status ComputeEncodePng(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& image = context.input(0);
  if (image.rank() != 3) {
    return context.Error(absl::StrCat("image must be 3-dimensional", ShapeString(image.shape())));
  }
  const int64_t channels = image.dim(2);
  if (channels < 1 || channels > 4) {
    return context.Error(absl::StrCat("image must have 1, 2, 3, or 4 channels, got ", channels));
  }
  const int compression = static_cast<int>(IntAttr(context, "compression", -1));
  if (compression < -1 || compression > 9) {
    return context.Error(absl::StrCat("compression should be in [-1,9], got ", compression));
  }
  const int sample_bytes = image.dtype() == tensorflow::DT_UINT16 ? 2 : 1;
  if (image.dtype() != tensorflow::DT_UINT8 && image.dtype() != tensorflow::DT_UINT16) {
    return context.Error("image must be uint8 or uint16");
  }
  if (image.dim(0) == 0 || image.dim(1) == 0) {
    return context.Error(absl::StrCat("Invalid image provided: ", ShapeString(image.shape())));
  }
  absl::StatusOr<std::string> encoded =
      image::EncodePng(image.raw_data(), image.dim(0), image.dim(1), static_cast<int>(channels),
                       sample_bytes, compression);
  if (!encoded.ok()) return context.Error(encoded.status().message());
  context.set_output(0, Tensor::Strings({}, {*std::move(encoded)}));
  return absl::OkStatus();
}

REGISTER_KERNEL("DecodeJpeg", ComputeDecodeJpeg<false>);
REGISTER_KERNEL("DecodeAndCropJpeg", ComputeDecodeJpeg<true>);
REGISTER_KERNEL("DecodePng", ComputeDecodePng,
                {{"dtype", {tensorflow::DT_UINT8, tensorflow::DT_UINT16}}});
REGISTER_KERNEL("DecodeGif", ComputeDecodeGif);
REGISTER_KERNEL("DecodeBmp", ComputeDecodeBmp);
REGISTER_KERNEL("DecodeWebP", ComputeDecodeWebP, {{"dtype", {tensorflow::DT_UINT8}}});
REGISTER_KERNEL("DecodeImage", ComputeDecodeImage,
                {{"dtype", {tensorflow::DT_UINT8, tensorflow::DT_UINT16, tensorflow::DT_FLOAT}}});
REGISTER_KERNEL("ExtractJpegShape", ComputeExtractJpegShape,
                {{"output_type", {tensorflow::DT_INT32, tensorflow::DT_INT64}}});
REGISTER_KERNEL("EncodeJpeg", ComputeEncodeJpeg<false>);
REGISTER_KERNEL("EncodeJpegVariableQuality", ComputeEncodeJpeg<true>);
REGISTER_KERNEL("EncodePng", ComputeEncodePng,
                {{"T", {tensorflow::DT_UINT8, tensorflow::DT_UINT16}}});

}  // namespace
}  // namespace tfjs::runtime
