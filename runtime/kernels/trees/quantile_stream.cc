// Weighted quantile summaries and streams, with TF's float arithmetic step for step so that
// summaries and boundaries match TF's bit for bit.
#include "runtime/kernels/trees/quantile_stream.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <utility>

namespace tfjs::runtime::trees {
namespace {

SummaryEntry Entry(float value, float weight, float min_rank, float max_rank) {
  return SummaryEntry{value, weight, min_rank, max_rank};
}

// Sorts the buffer by value and sums the weights of equal values.
std::vector<BufferEntry> SortedDedupedEntries(std::vector<BufferEntry> entries) {
  if (entries.empty()) return entries;
  std::sort(entries.begin(), entries.end(),
            [](const BufferEntry& a, const BufferEntry& b) { return a.value < b.value; });
  size_t last = 0;
  for (size_t i = 1; i < entries.size(); ++i) {
    if (entries[i].value != entries[i - 1].value) {
      entries[++last] = entries[i];
    } else {
      entries[last].weight += entries[i].weight;
    }
  }
  entries.resize(last + 1);
  return entries;
}

}  // namespace

void QuantileSummary::BuildFromBufferEntries(const std::vector<BufferEntry>& entries) {
  entries_.clear();
  entries_.reserve(entries.size());
  float cumulative_weight = 0;
  for (const BufferEntry& entry : entries) {
    entries_.push_back(
        Entry(entry.value, entry.weight, cumulative_weight, cumulative_weight + entry.weight));
    cumulative_weight += entry.weight;
  }
}

void QuantileSummary::Merge(const QuantileSummary& other) {
  const std::vector<SummaryEntry>& other_entries = other.entries_;
  if (other_entries.empty()) return;
  if (entries_.empty()) {
    entries_ = other_entries;
    return;
  }
  std::vector<SummaryEntry> base = std::move(entries_);
  entries_.clear();
  entries_.reserve(base.size() + other_entries.size());
  auto it1 = base.cbegin();
  auto it2 = other_entries.cbegin();
  float next_min_rank1 = 0;
  float next_min_rank2 = 0;
  while (it1 != base.cend() && it2 != other_entries.cend()) {
    if (it1->value < it2->value) {
      entries_.push_back(Entry(it1->value, it1->weight, it1->min_rank + next_min_rank2,
                               it1->max_rank + it2->PrevMaxRank()));
      next_min_rank1 = it1->NextMinRank();
      ++it1;
    } else if (it2->value < it1->value) {
      entries_.push_back(Entry(it2->value, it2->weight, it2->min_rank + next_min_rank1,
                               it2->max_rank + it1->PrevMaxRank()));
      next_min_rank2 = it2->NextMinRank();
      ++it2;
    } else {
      entries_.push_back(Entry(it1->value, it1->weight + it2->weight, it1->min_rank + it2->min_rank,
                               it1->max_rank + it2->max_rank));
      next_min_rank1 = it1->NextMinRank();
      next_min_rank2 = it2->NextMinRank();
      ++it1;
      ++it2;
    }
  }
  for (; it1 != base.cend(); ++it1) {
    entries_.push_back(Entry(it1->value, it1->weight, it1->min_rank + next_min_rank2,
                             it1->max_rank + other_entries.back().max_rank));
  }
  for (; it2 != other_entries.cend(); ++it2) {
    entries_.push_back(Entry(it2->value, it2->weight, it2->min_rank + next_min_rank1,
                             it2->max_rank + base.back().max_rank));
  }
}

void QuantileSummary::Compress(int64_t size_hint, double min_eps) {
  size_hint = std::max<int64_t>(size_hint, 2);
  if (static_cast<int64_t>(entries_.size()) <= size_hint) return;
  const double eps_delta = TotalWeight() * std::max(1.0 / size_hint, min_eps);
  const int64_t size = static_cast<int64_t>(entries_.size());
  const int64_t add_step = size;
  int64_t add_accumulator = 0;
  // Entries are rewritten in place: the write position never passes the read position.
  int64_t write = 1;
  int64_t last = 1;
  for (int64_t read = 0; read + 1 != size;) {
    int64_t next = read + 1;
    while (next != size && add_accumulator < add_step &&
           entries_[next].PrevMaxRank() - entries_[read].NextMinRank() <= eps_delta) {
      add_accumulator += size_hint;
      ++next;
    }
    read = read == next - 1 ? read + 1 : next - 1;
    entries_[write++] = entries_[read];
    last = read;
    add_accumulator -= add_step;
  }
  if (last + 1 != size) entries_[write++] = entries_.back();
  entries_.resize(write);
}

std::vector<float> QuantileSummary::GenerateBoundaries(int64_t num_boundaries) const {
  std::vector<float> output;
  if (entries_.empty()) return output;
  QuantileSummary compressed;
  compressed.BuildFromSummaryEntries(entries_);
  // Compression adds about 1 / num_boundaries to the error; TF holds this epsilon in a float.
  const float compression_eps =
      static_cast<float>(ApproximationError() + 1.0 / static_cast<double>(num_boundaries));
  compressed.Compress(num_boundaries, compression_eps);
  output.reserve(compressed.entries_.size());
  for (const SummaryEntry& entry : compressed.entries_) output.push_back(entry.value);
  return output;
}

std::vector<float> QuantileSummary::GenerateQuantiles(int64_t num_quantiles) const {
  std::vector<float> output;
  if (entries_.empty()) return output;
  num_quantiles = std::max<int64_t>(num_quantiles, 2);
  output.reserve(num_quantiles + 1);
  const size_t size = entries_.size();
  size_t cur = 0;
  for (int64_t rank = 0; rank <= num_quantiles; ++rank) {
    // Twice the desired rank, against twice the middle (min + max) of each entry's range.
    const float d_2 = 2 * (static_cast<float>(rank) * entries_.back().max_rank /
                           static_cast<float>(num_quantiles));
    size_t next = cur + 1;
    while (next < size && d_2 >= entries_[next].min_rank + entries_[next].max_rank) ++next;
    cur = next - 1;
    if (next == size || d_2 < entries_[cur].NextMinRank() + entries_[next].PrevMaxRank()) {
      output.push_back(entries_[cur].value);
    } else {
      output.push_back(entries_[next].value);
    }
  }
  return output;
}

double QuantileSummary::ApproximationError() const {
  if (entries_.empty()) return 0;
  float max_gap = 0;
  for (size_t i = 1; i < entries_.size(); ++i) {
    const SummaryEntry& entry = entries_[i];
    max_gap = std::max(max_gap, std::max(entry.max_rank - entry.min_rank - entry.weight,
                                         entry.PrevMaxRank() - entries_[i - 1].NextMinRank()));
  }
  return static_cast<double>(max_gap) / TotalWeight();
}

void QuantileStream::GetQuantileSpecs(double eps, int64_t max_elements, int64_t* max_levels,
                                      int64_t* block_size) {
  int64_t levels = 1;
  int64_t size = 2;
  if (eps <= DBL_EPSILON) {
    // Exact quantiles at the expense of memory.
    size = std::max<int64_t>(max_elements, 2);
  } else {
    // Level l fills at most max_elements / (2^l * block_size) times: grow the levels until the
    // top one fills at most once.
    for (levels = 1, size = 2; (int64_t{1} << levels) * size < max_elements; ++levels) {
      size = static_cast<int64_t>(std::ceil(levels / eps)) + 1;
    }
  }
  *max_levels = levels;
  *block_size = std::max<int64_t>(size, 2);
}

QuantileStream::QuantileStream(double eps, int64_t max_elements) : eps_(eps) {
  GetQuantileSpecs(eps, max_elements, &max_levels_, &block_size_);
  buffer_capacity_ = std::min(block_size_ << 1, max_elements);
}

void QuantileStream::PushEntry(float value, float weight) {
  if (!(weight <= 0)) buffer_.push_back({value, weight});
  if (static_cast<int64_t>(buffer_.size()) >= buffer_capacity_) PushBuffer();
}

void QuantileStream::PushBuffer() {
  std::vector<BufferEntry> entries;
  entries.swap(buffer_);
  local_summary_.BuildFromBufferEntries(SortedDedupedEntries(std::move(entries)));
  local_summary_.Compress(block_size_, eps_);
  PropagateLocalSummary();
}

void QuantileStream::PushSummary(const std::vector<SummaryEntry>& summary) {
  local_summary_.BuildFromSummaryEntries(summary);
  local_summary_.Compress(block_size_, eps_);
  PropagateLocalSummary();
}

void QuantileStream::Finalize() {
  PushBuffer();
  local_summary_.Clear();
  for (QuantileSummary& summary : summary_levels_) local_summary_.Merge(summary);
  summary_levels_.clear();
  finalized_ = true;
}

void QuantileStream::PropagateLocalSummary() {
  if (local_summary_.Size() <= 0) return;
  for (size_t level = 0;; ++level) {
    if (summary_levels_.size() <= level) summary_levels_.emplace_back();
    QuantileSummary& current = summary_levels_[level];
    local_summary_.Merge(current);
    if (current.Size() == 0 || local_summary_.Size() <= block_size_ + 1) {
      current = std::move(local_summary_);
      local_summary_.Clear();
      return;
    }
    // Compress, empty this level and carry the summary up.
    local_summary_.Compress(block_size_, eps_);
    current.Clear();
  }
}

}  // namespace tfjs::runtime::trees
