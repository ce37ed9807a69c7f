#include "runtime/kernels/nn/half.h"

#include <cstring>

namespace tfjs::runtime::nn {
namespace {

uint32_t Bits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  return bits;
}

float FromBits(uint32_t bits) {
  float value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

}  // namespace

float HalfToFloat(uint16_t half) {
  const uint32_t sign = static_cast<uint32_t>(half & 0x8000u) << 16;
  const uint32_t exponent = (half >> 10) & 0x1fu;
  const uint32_t mantissa = half & 0x3ffu;
  if (exponent == 0x1f) return FromBits(sign | 0x7f800000u | (mantissa << 13));
  if (exponent != 0) return FromBits(sign | ((exponent + 112) << 23) | (mantissa << 13));
  // Zero or subnormal: mantissa * 2^-24, exact in float.
  const float magnitude = static_cast<float>(mantissa) * 5.9604644775390625e-8f;
  return sign ? -magnitude : magnitude;
}

uint16_t FloatToHalf(float value) {
  const uint32_t bits = Bits(value);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000u);
  const uint32_t magnitude = bits & 0x7fffffffu;
  if (magnitude >= 0x7f800000u) {  // infinity or NaN
    return sign | 0x7c00u | (magnitude > 0x7f800000u ? 0x200u | ((magnitude >> 13) & 0x3ffu) : 0);
  }
  if (magnitude >= 0x477ff000u) return sign | 0x7c00u;  // rounds to beyond 65504
  if (magnitude < 0x38800000u) {
    // Below the smallest normal half (2^-14): a subnormal or zero, in units of 2^-24. Adding
    // 0.5 (2^-1) as a float rounds to nearest even in the hardware's rounding mode.
    const float scaled = FromBits(magnitude) + 0.5f;
    return sign | static_cast<uint16_t>(Bits(scaled) - Bits(0.5f));
  }
  // Normal: rebias the exponent and round the 13 dropped mantissa bits to nearest even.
  const uint32_t odd = (magnitude >> 13) & 1u;
  const uint32_t rounded = magnitude + 0xfffu + odd - (112u << 23);
  return sign | static_cast<uint16_t>(rounded >> 13);
}

absl::StatusOr<Tensor> HalfTensorToFloat(const Tensor& half) {
  absl::StatusOr<Tensor> out = Tensor::Allocate(tensorflow::DT_FLOAT, half.shape());
  if (!out.ok()) return out.status();
  const uint16_t* in = half.data<uint16_t>();
  float* values = out->mutable_data<float>();
  for (int64_t i = 0; i < half.num_elements(); ++i) values[i] = HalfToFloat(in[i]);
  return out;
}

absl::StatusOr<Tensor> FloatTensorToHalf(const Tensor& value) {
  absl::StatusOr<Tensor> out = Tensor::Allocate(tensorflow::DT_HALF, value.shape());
  if (!out.ok()) return out.status();
  const float* in = value.data<float>();
  uint16_t* halves = out->mutable_data<uint16_t>();
  for (int64_t i = 0; i < value.num_elements(); ++i) halves[i] = FloatToHalf(in[i]);
  return out;
}

}  // namespace tfjs::runtime::nn
