#include "converter/tfjs_op_support.h"

#include <map>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace tfjs::converter {

// converter/tfjs_op_support.txt, embedded by the :tfjs_op_support_data genrule.
extern const char kTfjsOpSupportText[];

namespace {

std::string Key(absl::string_view op, absl::string_view attr, tensorflow::DataType dtype) {
  return absl::StrCat(op, "\t", attr, "\t", dtype);
}

const absl::flat_hash_map<std::string, TfjsOpSupport>& Table() {
  static const auto* table = [] {
    auto* rows = new absl::flat_hash_map<std::string, TfjsOpSupport>();
    absl::StatusOr<std::vector<TfjsOpSupport>> parsed = ParseTfjsOpSupport(kTfjsOpSupportText);
    // The build's own data file; //converter:tfjs_op_support_test parses it.
    if (!parsed.ok()) return rows;
    for (TfjsOpSupport& row : *parsed) {
      std::string key = Key(row.op, row.attr, row.dtype);
      rows->emplace(std::move(key), std::move(row));
    }
    return rows;
  }();
  return *table;
}

}  // namespace

absl::StatusOr<std::vector<TfjsOpSupport>> ParseTfjsOpSupport(absl::string_view text) {
  std::vector<TfjsOpSupport> rows;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    auto bad = [&](absl::string_view why) {
      return absl::InvalidArgumentError(
          absl::StrCat("tfjs_op_support.txt line ", line_number, ": ", why, ": '", line, "'"));
    };
    if (fields.size() < 4 || fields.size() > 5) return bad("not 4 or 5 tab-separated fields");
    TfjsOpSupport row;
    row.op = std::string(fields[0]);
    row.attr = std::string(fields[1]);
    if (!tensorflow::DataType_Parse(std::string(fields[2]), &row.dtype)) return bad("bad dtype");
    if (fields[3] == "right") {
      row.verdict = TfjsVerdict::kRight;
    } else if (fields[3] == "wrong") {
      row.verdict = TfjsVerdict::kWrong;
    } else if (fields[3] == "refuses") {
      row.verdict = TfjsVerdict::kRefuses;
    } else {
      return bad("verdict is not right, wrong or refuses");
    }
    if ((fields.size() == 5) == (row.verdict == TfjsVerdict::kRight)) {
      return bad("a symptom goes with wrong and refuses, and only with them");
    }
    if (fields.size() == 5) row.symptom = std::string(fields[4]);
    if (absl::string_view rest = row.symptom; absl::ConsumePrefix(&rest, "output ")) {
      const absl::string_view digits = rest.substr(0, rest.find_first_of(" :"));
      if (!absl::SimpleAtoi(digits, &row.output) || row.output < 0) return bad("bad output index");
    }
    if (row.op.empty() || row.attr.empty()) return bad("empty op or attr");
    rows.push_back(std::move(row));
  }
  return rows;
}

const TfjsOpSupport* FindTfjsOpSupport(absl::string_view op, absl::string_view attr,
                                       tensorflow::DataType dtype) {
  const auto& table = Table();
  auto it = table.find(Key(op, attr, dtype));
  return it == table.end() ? nullptr : &it->second;
}

std::vector<const TfjsOpSupport*> TfjsOpSupportFor(const tensorflow::NodeDef& node) {
  std::vector<const TfjsOpSupport*> found;
  if (const TfjsOpSupport* fixed = FindTfjsOpSupport(node.op(), "-", tensorflow::DT_INVALID)) {
    found.push_back(fixed);
  }
  // By attr name, as the node's attr map has no order.
  std::map<std::string, tensorflow::DataType> dtypes;
  for (const auto& [name, value] : node.attr()) {
    if (value.value_case() == tensorflow::AttrValue::kType) dtypes[name] = value.type();
  }
  for (const auto& [name, dtype] : dtypes) {
    if (const TfjsOpSupport* row = FindTfjsOpSupport(node.op(), name, dtype)) found.push_back(row);
  }
  return found;
}

}  // namespace tfjs::converter
