// Op examples of the audio kernels, worked by hand: a 2-frame stereo WAV, a spectrogram of a
// constant signal and the MFCCs of a flat spectrum.
#include <cmath>
#include <string>

#include "runtime/kernels/testing/op_examples.h"

namespace tfjs::runtime::testing {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;

// A 16-bit PCM WAV at 8000 Hz, two channels, two frames: (16384, -32768), (0, 32767).
std::string StereoWav() {
  const unsigned char bytes[] = {
      'R', 'I', 'F', 'F', 44, 0, 0,    0,    'W',  'A',  'V',  'E',  'f',  'm',  't',  ' ', 16, 0,
      0,   0,   1,   0,   2,  0, 0x40, 0x1f, 0,    0,    0,    0x7d, 0,    0,    4,    0,   16, 0,
      'd', 'a', 't', 'a', 8,  0, 0,    0,    0x00, 0x40, 0x00, 0x80, 0x00, 0x00, 0xff, 0x7f};
  return std::string(reinterpret_cast<const char*>(bytes), sizeof(bytes));
}

REGISTER_OP_EXAMPLES(
    OpExample{.op = "DecodeWav",
              .inputs = {Bytes({}, {StereoWav()})},
              .outputs = {Fixed(DT_FLOAT, {2, 2}, {0.5, -1, 0, 32767.0 / 32768}),
                          Fixed(DT_INT32, {}, {8000})},
              .dtype_attr = ""},
    // One channel asked for, padded to 3 frames.
    OpExample{.op = "DecodeWav",
              .name = "mono_padded",
              .attrs = "attr { key: 'desired_channels' value { i: 1 } } "
                       "attr { key: 'desired_samples' value { i: 3 } }",
              .inputs = {Bytes({}, {StereoWav()})},
              .outputs = {Fixed(DT_FLOAT, {3, 1}, {0.5, 0, 0}), Fixed(DT_INT32, {}, {8000})},
              .dtype_attr = ""},
    OpExample{.op = "EncodeWav",
              .inputs = {Fixed(DT_FLOAT, {2, 2}, {0.5, -1, 0, 1}), Fixed(DT_INT32, {}, {8000})},
              .outputs = {Bytes({}, {StereoWav()})},
              .dtype_attr = ""});

// A constant 1 through the periodic Hann window of 4 samples is (0, 0.5, 1, 0.5): its DFT is 2 at
// DC, 0 - 0.5i - 1 + 0.5i = -1 at bin 1 and 0 - 0.5 + 1 - 0.5 = 0 at bin 2. Windows start at
// samples 0 and 2.
REGISTER_OP_EXAMPLES(OpExample{
    .op = "AudioSpectrogram",
    .attrs = "attr { key: 'window_size' value { i: 4 } } attr { key: 'stride' value { i: 2 } }",
    .inputs = {Fixed(DT_FLOAT, {6, 1}, {1, 1, 1, 1, 1, 1})},
    .outputs = {Fixed(DT_FLOAT, {1, 2, 3}, {2, 1, 0, 2, 1, 0})},
    .dtype_attr = "",
    .tolerance = 1e-6});

// A flat spectrum of power 1 at 1000 Hz (3 bins, 500 Hz apart) through 2 mel bands between 20
// and 900 Hz: bin 1 (500 Hz) alone falls in the bands, splitting its magnitude 1 between them as
// w and 1 - w; the DCT gives sqrt(2/2) * (ln w + ln(1 - w)) and cos(pi/4) * (ln w - ln(1 - w)).
double Mel(double f) { return 1127.0 * std::log1p(f / 700.0); }
double BandWeight() {
  const double low = Mel(20), spacing = (Mel(900) - Mel(20)) / 3;
  const double c0 = low + spacing, c1 = low + 2 * spacing;
  return (c1 - Mel(500)) / (c1 - c0);
}
REGISTER_OP_EXAMPLES(OpExample{
    .op = "Mfcc",
    .attrs = "attr { key: 'upper_frequency_limit' value { f: 900 } } "
             "attr { key: 'lower_frequency_limit' value { f: 20 } } "
             "attr { key: 'filterbank_channel_count' value { i: 2 } } "
             "attr { key: 'dct_coefficient_count' value { i: 2 } }",
    .inputs = {Fixed(DT_FLOAT, {1, 1, 3}, {1, 1, 1}), Fixed(DT_INT32, {}, {2000})},
    .outputs = {Fixed(DT_FLOAT, {1, 1, 2},
                      {std::log(BandWeight()) + std::log(1 - BandWeight()),
                       std::cos(M_PI / 4) *
                           (std::log(BandWeight()) - std::log(1 - BandWeight()))})},
    .dtype_attr = "",
    .tolerance = 1e-5});

}  // namespace
}  // namespace tfjs::runtime::testing
