// DecodeWav and EncodeWav: 16-bit PCM WAV files as TF's wav_io reads and writes them. DecodeWav
// walks the RIFF chunks (skipping any before "fmt ", a format chunk of 16 or 18 bytes, PCM only,
// 16 bits, consistent block align and byte rate, exactly one "data" chunk), scales samples by
// 1/32768, and pads or crops to desired_samples / desired_channels (extra channels repeat the
// last). EncodeWav writes the 44-byte header and samples clamped and rounded to int16.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

constexpr int kContents = 0;
constexpr int kAudio = 0;
constexpr int kSampleRate = 1;
constexpr int kHeaderSize = 44;
constexpr int kBytesPerSample = 2;

// Reads little-endian fields from the file, failing past its end.
class WavReader {
 public:
  explicit WavReader(const std::string& data) : data_(data) {}

  size_t offset() const { return offset_; }
  bool at_end() const { return offset_ >= data_.size(); }

  absl::Status Skip(uint64_t bytes) {
    if (offset_ + bytes > data_.size()) {
      return absl::InvalidArgumentError(
          absl::StrCat("Attempted to read past the end of the WAV data: offset ", offset_ + bytes,
                       " is beyond the size ", data_.size()));
    }
    offset_ += bytes;
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> Text(int length) {
    const size_t start = offset_;
    if (absl::Status status = Skip(length); !status.ok()) return status;
    return data_.substr(start, length);
  }
  template <typename T>
  absl::StatusOr<T> Value() {
    const size_t start = offset_;
    if (absl::Status status = Skip(sizeof(T)); !status.ok()) return status;
    uint64_t bits = 0;
    for (size_t i = 0; i < sizeof(T); ++i) {
      bits |= uint64_t{static_cast<uint8_t>(data_[start + i])} << (8 * i);
    }
    return static_cast<T>(bits);
  }
  absl::Status Expect(const char* text) {
    absl::StatusOr<std::string> found = Text(4);
    if (!found.ok()) return found.status();
    if (*found != text) {
      return absl::InvalidArgumentError(
          absl::StrCat("Header mismatch: Expected ", text, " but found ", *found));
    }
    return absl::OkStatus();
  }

 private:
  const std::string& data_;
  size_t offset_ = 0;
};

#define WAV_ASSIGN(lhs, expr)                   \
  auto lhs##_or = (expr);                       \
  if (!lhs##_or.ok()) return lhs##_or.status(); \
  auto lhs = *lhs##_or

struct DecodedWav {
  std::vector<float> samples;  // sample-major, channel-minor
  uint32_t frames = 0;
  uint16_t channels = 0;
  uint32_t sample_rate = 0;
};

absl::StatusOr<DecodedWav> DecodeWavFile(const std::string& data) {
  WavReader reader(data);
  DecodedWav wav;
  if (absl::Status status = reader.Expect("RIFF"); !status.ok()) return status;
  if (absl::Status status = reader.Skip(4); !status.ok()) return status;  // total size
  if (absl::Status status = reader.Expect("WAVE"); !status.ok()) return status;
  WAV_ASSIGN(chunk_id, reader.Text(4));
  WAV_ASSIGN(chunk_size, reader.Value<uint32_t>());
  while (chunk_id != "fmt ") {
    if (absl::Status status = reader.Skip(chunk_size); !status.ok()) return status;
    WAV_ASSIGN(next_id, reader.Text(4));
    WAV_ASSIGN(next_size, reader.Value<uint32_t>());
    chunk_id = next_id;
    chunk_size = next_size;
  }
  if (chunk_size != 16 && chunk_size != 18) {
    return absl::InvalidArgumentError(
        absl::StrCat("Bad format chunk size for WAV: Expected 16 or 18, but got", chunk_size));
  }
  WAV_ASSIGN(audio_format, reader.Value<uint16_t>());
  if (audio_format != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("Bad audio format for WAV: Expected 1 (PCM), but got", audio_format));
  }
  WAV_ASSIGN(channels, reader.Value<uint16_t>());
  if (channels < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("Bad number of channels for WAV: Expected at least 1, but got ", channels));
  }
  WAV_ASSIGN(sample_rate, reader.Value<uint32_t>());
  WAV_ASSIGN(bytes_per_second, reader.Value<uint32_t>());
  WAV_ASSIGN(bytes_per_frame, reader.Value<uint16_t>());
  WAV_ASSIGN(bits_per_sample, reader.Value<uint16_t>());
  if (bits_per_sample != 16) {
    return absl::InvalidArgumentError(
        absl::StrCat("Can only read 16-bit WAV files, but received ", bits_per_sample));
  }
  const uint32_t expected_bytes_per_frame = (bits_per_sample * channels + 7) / 8;
  if (bytes_per_frame != expected_bytes_per_frame) {
    return absl::InvalidArgumentError(absl::StrCat("Bad bytes per sample in WAV header: Expected ",
                                                   expected_bytes_per_frame, " but got ",
                                                   bytes_per_frame));
  }
  const uint64_t expected_bytes_per_second = uint64_t{bytes_per_frame} * sample_rate;
  if (bytes_per_second != expected_bytes_per_second) {
    return absl::InvalidArgumentError(absl::StrCat("Bad bytes per second in WAV header: Expected ",
                                                   expected_bytes_per_second, " but got ",
                                                   bytes_per_second, " (sample_rate=", sample_rate,
                                                   ", bytes_per_sample=", bytes_per_frame, ")"));
  }
  if (chunk_size == 18) {
    if (absl::Status status = reader.Skip(2); !status.ok()) return status;
  }
  wav.channels = channels;
  wav.sample_rate = sample_rate;
  bool data_found = false;
  while (!reader.at_end()) {
    WAV_ASSIGN(id, reader.Text(4));
    WAV_ASSIGN(size, reader.Value<uint32_t>());
    if (size > static_cast<uint32_t>(std::numeric_limits<int32_t>::max())) {
      return absl::InvalidArgumentError(
          absl::StrCat("WAV data chunk '", id, "' is too large: ", size,
                       " bytes, but the limit is ", std::numeric_limits<int32_t>::max()));
    }
    if (id == "data") {
      if (data_found) return absl::InvalidArgumentError("More than one data chunk found in WAV");
      data_found = true;
      wav.frames = size / bytes_per_frame;
      const uint64_t count = uint64_t{wav.frames} * channels;
      if (reader.offset() + count * kBytesPerSample > data.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("Attempted to read past the end of the WAV data: ", count,
                         " samples from offset ", reader.offset(), " in ", data.size(), " bytes"));
      }
      wav.samples.resize(count);
      for (uint64_t i = 0; i < count; ++i) {
        WAV_ASSIGN(value, reader.Value<int16_t>());
        wav.samples[i] = value * (1.0f / 32768);
      }
    } else {
      // TF moves past other chunks without checking they fit.
      if (reader.offset() + size >= data.size()) break;
      if (absl::Status status = reader.Skip(size); !status.ok()) return status;
    }
  }
  if (!data_found) return absl::InvalidArgumentError("No data chunk found in WAV");
  return wav;
}

absl::Status ComputeDecodeWav(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& contents = context.input(kContents);
  if (contents.dtype() != tensorflow::DT_STRING || contents.rank() != 0) {
    return context.Error(absl::StrCat("contents must be a string scalar, got shape ",
                                      ShapeString(contents.shape())));
  }
  const std::string& data = contents.strings()[0];
  if (data.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return context.Error(absl::StrCat("WAV contents are too large for int: ", data.size()));
  }
  absl::StatusOr<DecodedWav> wav = DecodeWavFile(data);
  if (!wav.ok()) return context.Error(wav.status().message());
  const auto& attrs = context.node().attr();
  const int64_t desired_channels =
      attrs.count("desired_channels") ? attrs.at("desired_channels").i() : -1;
  const int64_t desired_samples =
      attrs.count("desired_samples") ? attrs.at("desired_samples").i() : -1;
  const int64_t frames = desired_samples == -1 ? wav->frames : desired_samples;
  const int64_t channels = desired_channels == -1 ? wav->channels : desired_channels;
  absl::StatusOr<Tensor> audio = Tensor::Allocate(tensorflow::DT_FLOAT, {frames, channels});
  if (!audio.ok()) return context.Error(audio.status().message());
  float* out = audio->mutable_data<float>();
  for (int64_t frame = 0; frame < frames; ++frame) {
    for (int64_t channel = 0; channel < channels; ++channel) {
      const int64_t source = std::min<int64_t>(channel, wav->channels - 1);
      out[frame * channels + channel] =
          frame < wav->frames ? wav->samples[frame * wav->channels + source] : 0.0f;
    }
  }
  context.set_output(0, *std::move(audio));
  context.set_output(
      1, Tensor::Scalar<int32_t>(tensorflow::DT_INT32, static_cast<int32_t>(wav->sample_rate)));
  return absl::OkStatus();
}

void AppendLittleEndian(uint64_t value, int bytes, std::string& out) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

absl::Status ComputeEncodeWav(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const Tensor& audio = context.input(kAudio);
  const Tensor& rate = context.input(kSampleRate);
  if (audio.dtype() != tensorflow::DT_FLOAT || audio.rank() != 2) {
    return context.Error(absl::StrCat("audio must be 2-dimensional", ShapeString(audio.shape())));
  }
  if (rate.dtype() != tensorflow::DT_INT32 || rate.rank() != 0) {
    return context.Error(absl::StrCat("Input sample_rate should be a scalar tensor, got ",
                                      ShapeString(rate.shape()), " instead."));
  }
  if (audio.num_elements() >= std::numeric_limits<int32_t>::max()) {
    return context.Error("Cannot encode audio with >= max int32 elements");
  }
  const int64_t frames = audio.dim(0);
  const int64_t channels = audio.dim(1);
  // TF converts the int32 rate to an unsigned size: a negative one is out of range.
  const uint64_t sample_rate = static_cast<uint64_t>(static_cast<int64_t>(*rate.data<int32_t>()));
  if (sample_rate == 0 || sample_rate > std::numeric_limits<uint32_t>::max()) {
    return context.Error(
        absl::StrCat("sample_rate must be in (0, 2^32), got: ", *rate.data<int32_t>()));
  }
  if (channels == 0 || channels > std::numeric_limits<uint16_t>::max()) {
    return context.Error(absl::StrCat("num_channels must be in (0, 2^16), got: ", channels));
  }
  const uint64_t samples = static_cast<uint64_t>(frames * channels);
  const uint64_t data_size = samples * kBytesPerSample;
  const uint64_t file_size = kHeaderSize + data_size;
  if (file_size > std::numeric_limits<uint32_t>::max()) {
    return context.Error(absl::StrCat(
        "Provided channels and frames cannot be encoded as a WAV: ", channels, " ", frames));
  }
  std::string wav;
  wav.reserve(file_size);
  wav += "RIFF";
  AppendLittleEndian(file_size - 8, 4, wav);
  wav += "WAVEfmt ";
  AppendLittleEndian(16, 4, wav);
  AppendLittleEndian(1, 2, wav);  // PCM
  AppendLittleEndian(channels, 2, wav);
  AppendLittleEndian(sample_rate, 4, wav);
  AppendLittleEndian(sample_rate * kBytesPerSample * channels, 4, wav);
  AppendLittleEndian(kBytesPerSample * channels, 2, wav);
  AppendLittleEndian(16, 2, wav);
  wav += "data";
  AppendLittleEndian(data_size, 4, wav);
  const float* in = audio.data<float>();
  for (uint64_t i = 0; i < samples; ++i) {
    // NaN (which TF's cast leaves undefined) is written as silence.
    const float scaled = std::isnan(in[i]) ? 0.0f : std::round(in[i] * 32768.0f);
    const float clamped = std::min(std::max(scaled, -32768.0f), 32767.0f);
    AppendLittleEndian(static_cast<uint16_t>(static_cast<int16_t>(clamped)), 2, wav);
  }
  context.set_output(0, Tensor::Strings({}, {std::move(wav)}));
  return absl::OkStatus();
}

REGISTER_KERNEL("DecodeWav", ComputeDecodeWav);
REGISTER_KERNEL("EncodeWav", ComputeEncodeWav);

}  // namespace
}  // namespace tfjs::runtime
