#include "converter/writer/quantization_plan.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "io/weights_manifest.h"

namespace tfjs::converter {
namespace {

// One pattern element that consumes exactly one character, or `*`.
struct PatternToken {
  enum Kind { kLiteral, kAnyChar, kSet, kStar } kind = kLiteral;
  char literal = 0;
  bool negated = false;
  std::vector<std::pair<char, char>> ranges;  // Inclusive; a single character is (c, c).

  bool Matches(char c) const {
    switch (kind) {
      case kLiteral: return c == literal;
      case kAnyChar: return true;
      case kSet: {
        const unsigned char u = static_cast<unsigned char>(c);
        bool in_set = false;
        for (const auto& [low, high] : ranges) {
          in_set |= static_cast<unsigned char>(low) <= u && u <= static_cast<unsigned char>(high);
        }
        return in_set != negated;
      }
      case kStar: return false;
    }
    return false;
  }
};

// Parses the set starting at pattern[open] == '['; returns false when it has no closing ']'
// (fnmatch then reads the '[' as a literal). A ']' right after "[" or "[!" is a member.
bool ParseSet(absl::string_view pattern, size_t open, PatternToken* token, size_t* next) {
  size_t end = open + 1;
  if (end < pattern.size() && pattern[end] == '!') ++end;
  if (end < pattern.size() && pattern[end] == ']') ++end;
  while (end < pattern.size() && pattern[end] != ']') ++end;
  if (end >= pattern.size()) return false;
  token->kind = PatternToken::kSet;
  size_t i = open + 1;
  if (pattern[i] == '!') {
    token->negated = true;
    ++i;
  }
  while (i < end) {
    const char low = pattern[i];
    // "a-z" is a range unless the '-' is the set's last character; ranges running backwards
    // match nothing, as fnmatch drops them.
    if (i + 2 < end && pattern[i + 1] == '-') {
      const char high = pattern[i + 2];
      if (static_cast<unsigned char>(low) <= static_cast<unsigned char>(high)) {
        token->ranges.emplace_back(low, high);
      }
      i += 3;
    } else {
      token->ranges.emplace_back(low, low);
      ++i;
    }
  }
  *next = end + 1;
  return true;
}

std::vector<PatternToken> Tokenize(absl::string_view pattern) {
  std::vector<PatternToken> tokens;
  size_t i = 0;
  while (i < pattern.size()) {
    PatternToken token;
    const char c = pattern[i];
    if (c == '*') {
      token.kind = PatternToken::kStar;
      if (tokens.empty() || tokens.back().kind != PatternToken::kStar) tokens.push_back(token);
      ++i;
      continue;
    }
    if (c == '?') {
      token.kind = PatternToken::kAnyChar;
      ++i;
    } else if (c == '[' && ParseSet(pattern, i, &token, &i)) {
      // `i` now follows the set.
    } else {
      token.literal = c;
      ++i;
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

}  // namespace

bool MatchesNamePattern(absl::string_view name, absl::string_view pattern) {
  const std::vector<PatternToken> tokens = Tokenize(pattern);
  // Greedy matching that backtracks to the last `*`: every other token takes one character.
  size_t t = 0, n = 0;
  size_t star_token = tokens.size(), star_name = 0;
  while (n < name.size()) {
    if (t < tokens.size() && tokens[t].kind == PatternToken::kStar) {
      star_token = t++;
      star_name = n;
    } else if (t < tokens.size() && tokens[t].Matches(name[n])) {
      ++t;
      ++n;
    } else if (star_token != tokens.size()) {
      t = star_token + 1;
      n = ++star_name;
    } else {
      return false;
    }
  }
  while (t < tokens.size() && tokens[t].kind == PatternToken::kStar) ++t;
  return t == tokens.size();
}

absl::StatusOr<std::vector<std::optional<io::QuantizedDType>>> PlanQuantization(
    absl::Span<const std::string> weight_names, absl::Span<const QuantizationRequest> requests) {
  std::vector<std::optional<io::QuantizedDType>> plan(weight_names.size());
  std::vector<const QuantizationRequest*> chosen_by(weight_names.size(), nullptr);
  const QuantizationRequest* fallthrough = nullptr;
  for (const QuantizationRequest& request : requests) {
    if (!request.patterns.has_value()) {
      if (fallthrough != nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            fallthrough->flag, " and ", request.flag,
            " both quantize every weight; give weight-name patterns to all but one of them"));
      }
      fallthrough = &request;
      continue;
    }
    for (const std::string& pattern : *request.patterns) {
      for (size_t i = 0; i < weight_names.size(); ++i) {
        if (!MatchesNamePattern(weight_names[i], pattern)) continue;
        if (chosen_by[i] != nullptr && chosen_by[i]->dtype != request.dtype) {
          return absl::InvalidArgumentError(absl::StrCat(
              "weight '", weight_names[i], "' is selected by both ", chosen_by[i]->flag, " and ",
              request.flag, " (pattern '", pattern, "'); a weight takes one quantization"));
        }
        chosen_by[i] = &request;
        plan[i] = request.dtype;
      }
    }
  }
  if (fallthrough != nullptr) {
    for (size_t i = 0; i < weight_names.size(); ++i) {
      if (!plan[i].has_value()) plan[i] = fallthrough->dtype;
    }
  }
  return plan;
}

}  // namespace tfjs::converter
