// This converter's version, and the tensorflowjs_converter release whose output it reproduces.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_CONVERTER_VERSION_H_
#define TFJS_NATIVE_CONVERTER_WRITER_CONVERTER_VERSION_H_

namespace tfjs::converter {

inline constexpr char kConverterVersion[] = "0.1.0";
inline constexpr char kCompatibleTfjsConverterVersion[] = "4.22.0";

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_CONVERTER_VERSION_H_
