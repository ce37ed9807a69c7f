// DecodeCSV: splits each record at `field_delim` (RFC 4180 quoting when use_quote_delim: a
// quoted field may hold delimiters and "" for a quote), keeps the `select_cols` columns, and
// parses each field as its output's dtype; empty or `na_value` fields take the column's default,
// and a column without one is required.
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"
#include "runtime/kernels/string/string_util.h"

namespace tfjs::runtime {
namespace {

constexpr int kRecords = 0;

struct CsvOptions {
  char delim = ',';
  bool use_quote = true;
  std::vector<int64_t> select_cols;
};

// The selected fields of one record, in order; an error for malformed quoting.
absl::StatusOr<std::vector<std::string>> ExtractFields(absl::string_view input,
                                                       const CsvOptions& options) {
  std::vector<std::string> fields;
  const bool select_all = options.select_cols.empty();
  size_t selector = 0;
  int64_t parsed = 0;
  bool include = false;
  size_t at = 0;
  while (at < input.size()) {
    if (input[at] == '\n' || input[at] == '\r') {
      ++at;
      continue;
    }
    include = select_all || options.select_cols[selector] == parsed;
    bool quoted = false;
    if (options.use_quote && input[at] == '"') {
      quoted = true;
      ++at;
    }
    std::string field;
    if (!quoted) {
      for (; at < input.size() && input[at] != options.delim; ++at) {
        if ((options.use_quote && input[at] == '"') || input[at] == '\n' || input[at] == '\r') {
          return absl::InvalidArgumentError("Unquoted fields cannot have quotes/CRLFs inside");
        }
        field += input[at];
      }
      ++at;
    } else {
      while (at + 1 < input.size() && (input[at] != '"' || input[at + 1] != options.delim)) {
        if (input[at] != '"') {
          field += input[at++];
          continue;
        }
        if (input[at + 1] != '"') {
          return absl::InvalidArgumentError(
              "Quote inside a string has to be escaped by another quote");
        }
        field += '"';
        at += 2;
      }
      if (!(at < input.size() && input[at] == '"' &&
            (at == input.size() - 1 || input[at + 1] == options.delim))) {
        return absl::InvalidArgumentError(
            "Quoted field has to end with quote followed by delim or end");
      }
      at += 2;
    }
    if (include) {
      fields.push_back(std::move(field));
      ++selector;
    }
    ++parsed;
    if (!select_all && selector == options.select_cols.size()) return fields;
  }
  // A trailing delimiter ends with an empty field.
  if (!input.empty() && input.back() == options.delim &&
      (select_all || options.select_cols[selector] == parsed)) {
    fields.emplace_back();
  }
  return fields;
}

absl::Status ComputeDecodeCsv(OpContext& context) {
  if (absl::Status status = strings::CheckStringInput(context, kRecords, "records"); !status.ok()) {
    return status;
  }
  const NodeAttrs attrs = strings::AttrsOf(context);
  absl::StatusOr<std::string> delim = attrs.GetString("field_delim");
  absl::StatusOr<bool> use_quote = attrs.GetBool("use_quote_delim");
  absl::StatusOr<std::string> na_value = attrs.GetString("na_value");
  absl::StatusOr<std::vector<int64_t>> select_cols = attrs.GetIntList("select_cols");
  for (const absl::Status& status :
       {delim.status(), use_quote.status(), na_value.status(), select_cols.status()}) {
    if (!status.ok()) return context.Error(status.message());
  }
  if (delim->size() != 1) return context.Error("field_delim should be only 1 char");
  const int num_fields = context.num_inputs() - 1;
  if (!select_cols->empty() && static_cast<int>(select_cols->size()) != num_fields) {
    return context.Error("select_cols should match output size");
  }
  for (size_t i = 1; i < select_cols->size(); ++i) {
    if ((*select_cols)[i - 1] >= (*select_cols)[i]) {
      return context.Error("select_cols should be strictly increasing indices");
    }
  }
  if (!select_cols->empty() && select_cols->front() < 0) {
    return context.Error("select_cols should be non-negative indices");
  }
  const CsvOptions options{(*delim)[0], *use_quote, *select_cols};
  const Tensor& records = context.input(kRecords);
  std::vector<Tensor> outputs;
  for (int f = 0; f < num_fields; ++f) {
    const Tensor& fallback = context.input(1 + f);
    if (fallback.num_elements() >= 2) {
      return context.Error(absl::StrCat("There should only be 1 default per field but field ", f,
                                        " has ", fallback.num_elements()));
    }
    absl::StatusOr<Tensor> output = Tensor::Allocate(fallback.dtype(), records.shape());
    if (!output.ok()) return context.Error(output.status().message());
    outputs.push_back(*std::move(output));
  }
  for (int64_t i = 0; i < records.num_elements(); ++i) {
    absl::StatusOr<std::vector<std::string>> fields = ExtractFields(records.strings()[i], options);
    if (!fields.ok()) return context.Error(fields.status().message());
    if (static_cast<int>(fields->size()) != num_fields) {
      return context.Error(absl::StrCat("Expect ", num_fields, " fields but have ", fields->size(),
                                        " in record ", i));
    }
    for (int f = 0; f < num_fields; ++f) {
      const std::string& field = (*fields)[f];
      const Tensor& fallback = context.input(1 + f);
      Tensor& out = outputs[f];
      const bool missing = field.empty() || field == *na_value;
      if (missing && fallback.num_elements() != 1) {
        return context.Error(
            absl::StrCat("Field ", f, " is required but missing in record ", i, "!"));
      }
      auto parse = [&](auto tag, const char* name) -> absl::Status {
        using T = decltype(tag);
        if (missing) {
          out.mutable_data<T>()[i] = fallback.data<T>()[0];
          return absl::OkStatus();
        }
        std::optional<T> value = strings::ParseNumber<T>(field);
        if (!value.has_value()) {
          return context.Error(
              absl::StrCat("Field ", f, " in record ", i, " is not a valid ", name, ": ", field));
        }
        out.mutable_data<T>()[i] = *value;
        return absl::OkStatus();
      };
      absl::Status status;
      switch (out.dtype()) {
        case tensorflow::DT_INT32:
          status = parse(int32_t{}, "int32");
          break;
        case tensorflow::DT_INT64:
          status = parse(int64_t{}, "int64");
          break;
        case tensorflow::DT_FLOAT:
          status = parse(float{}, "float");
          break;
        case tensorflow::DT_DOUBLE:
          status = parse(double{}, "double");
          break;
        case tensorflow::DT_STRING:
          out.mutable_strings()[i] = missing ? fallback.strings()[0] : field;
          break;
        default:
          return context.Error(absl::StrCat("csv: data type ", DataTypeName(out.dtype()),
                                            " not supported in field ", f));
      }
      if (!status.ok()) return status;
    }
  }
  for (int f = 0; f < num_fields; ++f) context.set_output(f, std::move(outputs[f]));
  return absl::OkStatus();
}

REGISTER_KERNEL("DecodeCSV", ComputeDecodeCsv,
                {{"OUT_TYPE",
                  {tensorflow::DT_FLOAT, tensorflow::DT_DOUBLE, tensorflow::DT_INT32,
                   tensorflow::DT_INT64, tensorflow::DT_STRING}}});

}  // namespace
}  // namespace tfjs::runtime
