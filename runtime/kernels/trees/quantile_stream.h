// Weighted quantile summaries and streams (TF's boosted_trees/quantiles, as facts): a summary
// is a sorted list of (value, weight, min rank, max rank) entries with a bounded rank error;
// a stream buffers weighted values, compresses full buffers into summaries and merges them up
// a ladder of levels. BoostedTrees*Quantile* ops build bucket boundaries from them.
#ifndef TFJS_NATIVE_RUNTIME_KERNELS_TREES_QUANTILE_STREAM_H_
#define TFJS_NATIVE_RUNTIME_KERNELS_TREES_QUANTILE_STREAM_H_

#include <cstdint>
#include <vector>

namespace tfjs::runtime::trees {

struct SummaryEntry {
  float value = 0;
  float weight = 0;
  float min_rank = 0;
  float max_rank = 0;

  // Max rank estimate of the previous smaller value.
  float PrevMaxRank() const { return max_rank - weight; }
  // Min rank estimate of the next larger value.
  float NextMinRank() const { return min_rank + weight; }
};

// A weighted value waiting in a stream's buffer.
struct BufferEntry {
  float value;
  float weight;
};

class QuantileSummary {
 public:
  // From sorted, deduplicated buffer entries: ranks are the running weight.
  void BuildFromBufferEntries(const std::vector<BufferEntry>& entries);
  void BuildFromSummaryEntries(const std::vector<SummaryEntry>& entries) { entries_ = entries; }
  // Merges `other` in, keeping the larger of the two rank errors.
  void Merge(const QuantileSummary& other);
  // Compresses to about `size_hint` entries (at least 2), adding at most
  // max(1 / size_hint, min_eps) * total weight of rank error.
  void Compress(int64_t size_hint, double min_eps = 0);
  // Values of a copy compressed to `num_boundaries`; first and last entries always kept.
  std::vector<float> GenerateBoundaries(int64_t num_boundaries) const;
  // `num_quantiles` + 1 values (at least 3) at evenly spaced ranks.
  std::vector<float> GenerateQuantiles(int64_t num_quantiles) const;
  double ApproximationError() const;
  float TotalWeight() const { return entries_.empty() ? 0 : entries_.back().max_rank; }
  int64_t Size() const { return static_cast<int64_t>(entries_.size()); }
  void Clear() { entries_.clear(); }
  const std::vector<SummaryEntry>& entries() const { return entries_; }

 private:
  std::vector<SummaryEntry> entries_;
};

class QuantileStream {
 public:
  // `eps` > 0 is the target rank error; `max_elements` bounds the values pushed.
  QuantileStream(double eps, int64_t max_elements);

  // Adds one value; entries of weight <= 0 are ignored.
  void PushEntry(float value, float weight);
  // Adds a summary made elsewhere.
  void PushSummary(const std::vector<SummaryEntry>& summary);
  // Flushes the buffer and merges every level into the final summary; once only.
  void Finalize();
  bool IsFinalized() const { return finalized_; }
  // The final summary; valid after Finalize().
  const QuantileSummary& GetFinalSummary() const { return local_summary_; }
  std::vector<float> GenerateBoundaries(int64_t num_boundaries) const {
    return local_summary_.GenerateBoundaries(num_boundaries);
  }
  std::vector<float> GenerateQuantiles(int64_t num_quantiles) const {
    return local_summary_.GenerateQuantiles(num_quantiles);
  }

  // The number of levels and the block size for `eps` and `max_elements`.
  static void GetQuantileSpecs(double eps, int64_t max_elements, int64_t* max_levels,
                               int64_t* block_size);

 private:
  void PushBuffer();
  void PropagateLocalSummary();

  double eps_;
  int64_t max_levels_ = 1;
  int64_t block_size_ = 2;
  int64_t buffer_capacity_ = 0;
  std::vector<BufferEntry> buffer_;
  QuantileSummary local_summary_;
  std::vector<QuantileSummary> summary_levels_;
  bool finalized_ = false;
};

}  // namespace tfjs::runtime::trees

#endif  // TFJS_NATIVE_RUNTIME_KERNELS_TREES_QUANTILE_STREAM_H_
