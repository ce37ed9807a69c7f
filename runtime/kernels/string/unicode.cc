// The Unicode ops, through ICU as TF runs them: UnicodeDecode(WithOffsets) and UnicodeTranscode
// read any encoding ICU converts (malformed input replaced, dropped or refused per `errors`),
// UnicodeEncode writes UTF-8, UTF-16-BE or UTF-32-BE, UnicodeScript maps code points to ICU's
// UScriptCode.
#include <functional>
#include <memory>

#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/misc/kernel_util.h"
#include "runtime/kernels/string/string_util.h"
#include "unicode/appendable.h"
#include "unicode/schriter.h"
#include "unicode/uchar.h"
#include "unicode/ucnv.h"
#include "unicode/ucnv_cb.h"
#include "unicode/uscript.h"
#include "unicode/utf.h"

namespace tfjs::runtime {
namespace {

enum class Encoding { kUtf8, kUtf16Be, kUtf32Be };

absl::StatusOr<Encoding> ParseEncoding(absl::string_view name) {
  if (name == "UTF-8") return Encoding::kUtf8;
  if (name == "UTF-16-BE") return Encoding::kUtf16Be;
  if (name == "UTF-32-BE") return Encoding::kUtf32Be;
  return absl::InvalidArgumentError(absl::StrCat(
      "Invalid encoding \"", name, "\": Should be one of: UTF-8, UTF-16-BE, UTF-32-BE"));
}

std::string Encode(Encoding encoding, const icu::UnicodeString& text) {
  std::string out;
  if (encoding == Encoding::kUtf8) {
    text.toUTF8String(out);
  } else if (encoding == Encoding::kUtf16Be) {
    for (int32_t i = 0; i < text.length(); ++i) {
      const char16_t unit = text.charAt(i);
      out.push_back(static_cast<char>(unit >> 8));
      out.push_back(static_cast<char>(unit & 0xff));
    }
  } else {
    icu::StringCharacterIterator it(text);
    while (it.hasNext()) {
      const UChar32 c = it.next32PostInc();
      for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>(c >> shift));
    }
  }
  return out;
}

// How malformed input and control characters are handled (the errors, replacement_char and
// replace_control_characters attrs).
struct ErrorOptions {
  UChar32 replacement = 0xFFFD;
  bool ignore = false;
  bool strict = false;
  bool replace_control = false;
};

absl::StatusOr<ErrorOptions> ReadErrorOptions(const NodeAttrs& attrs) {
  ErrorOptions options;
  absl::StatusOr<std::string> policy = attrs.GetString("errors");
  if (!policy.ok()) return policy.status();
  if (*policy == "ignore") {
    options.ignore = true;
  } else if (*policy == "strict") {
    options.strict = true;
  } else if (*policy != "replace") {
    return absl::InvalidArgumentError(
        "errors policy must be one of 'strict', 'replace', or 'ignore'");
  }
  absl::StatusOr<int64_t> replacement = attrs.GetInt("replacement_char");
  if (!replacement.ok()) return replacement.status();
  if (*replacement < UCHAR_MIN_VALUE || *replacement > UCHAR_MAX_VALUE) {
    return absl::InvalidArgumentError("replacement_char out of unicode codepoint range");
  }
  options.replacement = static_cast<UChar32>(*replacement);
  if (attrs.Has("replace_control_characters")) {
    absl::StatusOr<bool> replace_control = attrs.GetBool("replace_control_characters");
    if (!replace_control.ok()) return replace_control.status();
    options.replace_control = *replace_control;
  }
  return options;
}

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

absl::StatusOr<Converter> OpenConverter(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  Converter converter(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status) || converter == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("Could not create converter for input encoding: ", name));
  }
  return converter;
}

// Marks malformed input for the iteration and substitutes U+FFFD, as TF's callback does.
void FlagMalformed(const void* context, UConverterToUnicodeArgs* args, const char* units,
                   int32_t length, UConverterCallbackReason reason, UErrorCode* error) {
  if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR) {
    *const_cast<bool*>(static_cast<const bool*>(context)) = true;
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, units, length, reason, error);
}

// Calls visit(code point, bytes consumed, malformed) for each character of `text`.
void ForEachCodePoint(const std::string& text, UConverter* converter,
                      const std::function<void(UChar32, int, bool)>& visit) {
  ucnv_reset(converter);
  bool malformed = false;
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setToUCallBack(converter, FlagMalformed, &malformed, nullptr, nullptr, &status);
  const char* source = text.data();
  const char* limit = text.data() + text.size();
  while (source < limit) {
    const char* before = source;
    const UChar32 c = ucnv_getNextUChar(converter, &source, limit, &status);
    if (U_FAILURE(status)) source = limit;
    visit(c, static_cast<int>(source - before), malformed);
    malformed = false;
  }
}

bool NeedsReplacing(const ErrorOptions& options, UChar32 c, bool malformed) {
  return (options.replace_control && c <= 0x1F) || malformed;
}

template <bool kOffsets>
absl::Status ComputeUnicodeDecode(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, 0, "input"); !status.ok()) {
    return status;
  }
  const NodeAttrs attrs = strings::AttrsOf(context);
  absl::StatusOr<ErrorOptions> options = ReadErrorOptions(attrs);
  if (!options.ok()) return context.Error(options.status().message());
  absl::StatusOr<std::string> encoding = attrs.GetString("input_encoding");
  absl::StatusOr<DataType> splits_type = attrs.GetType("Tsplits");
  if (!encoding.ok()) return context.Error(encoding.status().message());
  if (!splits_type.ok()) return context.Error(splits_type.status().message());
  absl::StatusOr<Converter> converter = OpenConverter(*encoding);
  if (!converter.ok()) return context.Error(converter.status().message());
  const Tensor& input = context.input(0);
  std::vector<int64_t> splits = {0};
  std::vector<int64_t> chars;
  std::vector<int64_t> starts;
  bool failed = false;
  for (const std::string& text : input.strings()) {
    int64_t offset = 0;
    ForEachCodePoint(text, converter->get(), [&](UChar32 c, int bytes, bool malformed) {
      failed |= options->strict && malformed;
      if (NeedsReplacing(*options, c, malformed)) {
        if (options->ignore) {
          offset += bytes;
          return;
        }
        c = options->replacement;
      }
      chars.push_back(c);
      starts.push_back(offset);
      offset += bytes;
    });
    splits.push_back(static_cast<int64_t>(chars.size()));
  }
  if (failed) return context.Error("Invalid formatting on input string");
  const int64_t count = static_cast<int64_t>(chars.size());
  absl::StatusOr<Tensor> splits_out =
      misc::IndexTensor(*splits_type, {static_cast<int64_t>(splits.size())}, splits);
  absl::StatusOr<Tensor> chars_out = misc::IndexTensor(tensorflow::DT_INT32, {count}, chars);
  if (!splits_out.ok()) return context.Error(splits_out.status().message());
  if (!chars_out.ok()) return context.Error(chars_out.status().message());
  context.set_output(0, *std::move(splits_out));
  context.set_output(1, *std::move(chars_out));
  if (kOffsets) {
    absl::StatusOr<Tensor> starts_out = misc::IndexTensor(tensorflow::DT_INT64, {count}, starts);
    if (!starts_out.ok()) return context.Error(starts_out.status().message());
    context.set_output(2, *std::move(starts_out));
  }
  return absl::OkStatus();
}

absl::Status ComputeUnicodeTranscode(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, 0, "input"); !status.ok()) {
    return status;
  }
  const NodeAttrs attrs = strings::AttrsOf(context);
  absl::StatusOr<ErrorOptions> options = ReadErrorOptions(attrs);
  if (!options.ok()) return context.Error(options.status().message());
  absl::StatusOr<std::string> input_encoding = attrs.GetString("input_encoding");
  absl::StatusOr<std::string> output_name = attrs.GetString("output_encoding");
  if (!input_encoding.ok()) return context.Error(input_encoding.status().message());
  if (!output_name.ok()) return context.Error(output_name.status().message());
  absl::StatusOr<Encoding> output_encoding = ParseEncoding(*output_name);
  if (!output_encoding.ok()) return context.Error(output_encoding.status().message());
  absl::StatusOr<Converter> converter = OpenConverter(*input_encoding);
  if (!converter.ok()) return context.Error(converter.status().message());
  const Tensor& input = context.input(0);
  std::vector<std::string> out(input.num_elements());
  bool any_malformed = false;
  for (size_t i = 0; i < out.size(); ++i) {
    icu::UnicodeString text;
    ForEachCodePoint(input.strings()[i], converter->get(), [&](UChar32 c, int, bool malformed) {
      if (NeedsReplacing(*options, c, malformed)) {
        any_malformed = true;
        if (options->ignore) return;
        c = options->replacement;
      }
      text.append(c);
    });
    out[i] = Encode(*output_encoding, text);
  }
  if (options->strict && any_malformed) return context.Error("Invalid formatting on input string");
  context.set_output(0, Tensor::Strings(input.shape(), std::move(out)));
  return absl::OkStatus();
}

absl::Status ComputeUnicodeEncode(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(2, 2); !status.ok()) return status;
  const NodeAttrs attrs = strings::AttrsOf(context);
  absl::StatusOr<ErrorOptions> options = ReadErrorOptions(attrs);
  if (!options.ok()) return context.Error(options.status().message());
  absl::StatusOr<std::string> output_name = attrs.GetString("output_encoding");
  if (!output_name.ok()) return context.Error(output_name.status().message());
  absl::StatusOr<Encoding> encoding = ParseEncoding(*output_name);
  if (!encoding.ok()) return context.Error(encoding.status().message());
  const Tensor& values = context.input(0);
  if (values.dtype() != tensorflow::DT_INT32 || values.rank() != 1) {
    return context.Error("input_values must be an int32 vector");
  }
  absl::StatusOr<std::vector<int64_t>> splits = misc::IndexValues(context.input(1), "input_splits");
  if (!splits.ok()) return context.Error(splits.status().message());
  if (context.input(1).rank() != 1 || splits->empty() || splits->front() != 0 ||
      splits->back() != values.dim(0)) {
    return context.Error(absl::StrCat("input_splits must be a vector starting at 0 and ending at ",
                                      values.dim(0), ", the number of values"));
  }
  std::vector<std::string> out(splits->size() - 1);
  int64_t at = 0;
  for (size_t i = 1; i < splits->size(); ++i) {
    if ((*splits)[i] < (*splits)[i - 1]) return context.Error("input_splits must be sorted");
    icu::UnicodeString text;
    icu::UnicodeStringAppendable appendable(text);
    for (; at < (*splits)[i]; ++at) {
      UChar32 c = values.data<int32_t>()[at];
      if (!U_IS_UNICODE_CHAR(c)) {
        if (options->strict) {
          return context.Error("Code point is out of range for Unicode, or a noncharacter.");
        }
        // TF appends the invalid code point itself under 'ignore' (ICU drops what it cannot
        // encode).
        if (!options->ignore) c = options->replacement;
      }
      appendable.appendCodePoint(c);
    }
    out[i - 1] = Encode(*encoding, text);
  }
  const int64_t rows = static_cast<int64_t>(out.size());
  context.set_output(0, Tensor::Strings({rows}, std::move(out)));
  return absl::OkStatus();
}

absl::Status ComputeUnicodeScript(OpContext& context) {
  if (absl::Status status = context.CheckNumInputs(1, 1); !status.ok()) return status;
  const Tensor& input = context.input(0);
  if (input.dtype() != tensorflow::DT_INT32) return context.Error("input must be int32");
  absl::StatusOr<Tensor> output = Tensor::Allocate(tensorflow::DT_INT32, input.shape());
  if (!output.ok()) return context.Error(output.status().message());
  for (int64_t i = 0; i < input.num_elements(); ++i) {
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(input.data<int32_t>()[i], &status);
    output->mutable_data<int32_t>()[i] = U_SUCCESS(status) ? static_cast<int32_t>(script) : -1;
  }
  context.set_output(0, *std::move(output));
  return absl::OkStatus();
}

const std::vector<DataType> kSplitTypes = math::DtypesOf(math::TypeList<int32_t, int64_t>());

REGISTER_KERNEL("UnicodeDecode", ComputeUnicodeDecode<false>, {{"Tsplits", kSplitTypes}});
REGISTER_KERNEL("UnicodeDecodeWithOffsets", ComputeUnicodeDecode<true>, {{"Tsplits", kSplitTypes}});
REGISTER_KERNEL("UnicodeTranscode", ComputeUnicodeTranscode);
REGISTER_KERNEL("UnicodeEncode", ComputeUnicodeEncode, {{"Tsplits", kSplitTypes}});
REGISTER_KERNEL("UnicodeScript", ComputeUnicodeScript);

}  // namespace
}  // namespace tfjs::runtime
