// Skipgram (word2vec's input op): at load it reads `filename`, counts its whitespace-separated
// words and keeps those seen at least min_count times as the vocabulary (most frequent first,
// "UNK" at id 0 counting the rest); each run then emits batch_size (word, context word) id pairs
// from a window of random size up to window_size, over sentences of 1000 words subsampled as in
// word2vec, with the vocabulary and the epoch counters. The pairs are random, as in TF.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <unordered_map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "runtime/kernel.h"

namespace tfjs::runtime {
namespace {

constexpr int kSentenceSize = 1000;
constexpr int kPrecalc = 3000;

struct SkipgramOptions {
  int64_t batch_size = 0, window_size = 5, min_count = 5;
  float subsample = 1e-3f;
};

class SkipgramKernel : public Kernel {
 public:
  SkipgramKernel(SkipgramOptions options, std::vector<std::string> words, std::vector<int32_t> freq,
                 std::vector<int32_t> corpus)
      : options_(options),
        words_(std::move(words)),
        freq_(std::move(freq)),
        corpus_(std::move(corpus)),
        rng_(std::random_device()()) {
    const int64_t size = static_cast<int64_t>(corpus_.size());
    example_pos_ = label_pos_ = label_limit_ = size;
    sentence_.resize(kSentenceSize);
    precalc_.resize(kPrecalc);
    for (auto& example : precalc_) NextExample(&example.first, &example.second);
  }

  absl::Status Compute(OpContext& context) const override {
    std::vector<int32_t> examples(options_.batch_size), labels(options_.batch_size);
    int64_t words_per_epoch, total_words;
    int32_t epoch;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (int64_t i = 0; i < options_.batch_size; ++i) {
        examples[i] = precalc_[precalc_index_].first;
        labels[i] = precalc_[precalc_index_].second;
        if (++precalc_index_ >= kPrecalc) {
          precalc_index_ = 0;
          for (auto& example : precalc_) NextExample(&example.first, &example.second);
        }
      }
      words_per_epoch = static_cast<int64_t>(corpus_.size());
      epoch = current_epoch_;
      total_words = total_words_processed_;
    }
    const int64_t vocab = static_cast<int64_t>(words_.size());
    context.set_output(0, Tensor::Strings({vocab}, words_));
    context.set_output(1, Vector(tensorflow::DT_INT32, freq_));
    context.set_output(2, Tensor::Scalar<int64_t>(tensorflow::DT_INT64, words_per_epoch));
    context.set_output(3, Tensor::Scalar<int32_t>(tensorflow::DT_INT32, epoch));
    context.set_output(4, Tensor::Scalar<int64_t>(tensorflow::DT_INT64, total_words));
    context.set_output(5, Vector(tensorflow::DT_INT32, examples));
    context.set_output(6, Vector(tensorflow::DT_INT32, labels));
    return absl::OkStatus();
  }

 private:
  static Tensor Vector(DataType dtype, const std::vector<int32_t>& values) {
    Tensor tensor = *Tensor::Allocate(dtype, {static_cast<int64_t>(values.size())});
    std::copy(values.begin(), values.end(), tensor.mutable_data<int32_t>());
    return tensor;
  }

  // The next (word, context word) pair; the cursor walks sentences of the corpus.
  void NextExample(int32_t* example, int32_t* label) const {
    const int64_t size = static_cast<int64_t>(corpus_.size());
    std::uniform_real_distribution<float> uniform(0, 1);
    while (true) {
      if (label_pos_ >= label_limit_) {
        ++total_words_processed_;
        if (++sentence_index_ >= kSentenceSize) {
          sentence_index_ = 0;
          for (int i = 0; i < kSentenceSize; ++i, ++example_pos_) {
            if (example_pos_ >= size) {
              ++current_epoch_;
              example_pos_ = 0;
            }
            if (options_.subsample > 0) {
              // Eq. 5 of arXiv:1310.4546, as word2vec keeps frequent words.
              const float word_freq = static_cast<float>(freq_[corpus_[example_pos_]]);
              const float scale = options_.subsample * static_cast<float>(size);
              const float keep = (std::sqrt(word_freq / scale) + 1) * scale / word_freq;
              if (uniform(rng_) > keep) {
                --i;
                continue;
              }
            }
            sentence_[i] = corpus_[example_pos_];
          }
        }
        const int64_t skip =
            1 + std::uniform_int_distribution<int64_t>(0, options_.window_size - 1)(rng_);
        label_pos_ = std::max<int64_t>(0, sentence_index_ - skip);
        label_limit_ = std::min<int64_t>(kSentenceSize, sentence_index_ + skip + 1);
      }
      if (sentence_index_ != label_pos_) break;
      ++label_pos_;
    }
    *example = sentence_[sentence_index_];
    *label = sentence_[label_pos_++];
  }

  const SkipgramOptions options_;
  const std::vector<std::string> words_;
  const std::vector<int32_t> freq_;
  const std::vector<int32_t> corpus_;
  // The op is stateful: its cursor and random stream advance with every run.
  mutable std::mutex mutex_;
  mutable std::mt19937_64 rng_;
  mutable std::vector<std::pair<int32_t, int32_t>> precalc_;
  mutable int precalc_index_ = 0;
  mutable std::vector<int32_t> sentence_;
  mutable int64_t sentence_index_ = kSentenceSize;
  mutable int32_t current_epoch_ = -1;
  mutable int64_t total_words_processed_ = 0;
  mutable int64_t example_pos_ = 0, label_pos_ = 0, label_limit_ = 0;
};

// The whitespace-separated words of `text`.
std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && absl::ascii_isspace(text[at])) ++at;
    size_t end = at;
    while (end < text.size() && !absl::ascii_isspace(text[end])) ++end;
    if (end > at) words.push_back(text.substr(at, end - at));
    at = end;
  }
  return words;
}

absl::StatusOr<std::unique_ptr<Kernel>> BuildSkipgram(const KernelBuildContext& context) {
  SkipgramOptions options;
  absl::StatusOr<std::string> filename = context.attrs.GetString("filename");
  absl::StatusOr<int64_t> batch_size = context.attrs.GetInt("batch_size");
  absl::StatusOr<int64_t> window_size = context.attrs.GetInt("window_size");
  absl::StatusOr<int64_t> min_count = context.attrs.GetInt("min_count");
  absl::StatusOr<float> subsample = context.attrs.GetFloat("subsample");
  for (const absl::Status& status : {filename.status(), batch_size.status(), window_size.status(),
                                     min_count.status(), subsample.status()}) {
    if (!status.ok()) return context.Error(status.message());
  }
  options = {*batch_size, *window_size, *min_count, *subsample};
  if (options.batch_size < 0 || options.window_size < 1) {
    return context.Error("batch_size must be >= 0 and window_size >= 1");
  }
  std::ifstream file(*filename, std::ios::binary);
  if (!file) return context.Error(absl::StrCat("Could not read ", *filename));
  std::stringstream content;
  content << file.rdbuf();
  const std::vector<std::string> text = Words(content.str());
  const int64_t corpus_size = static_cast<int64_t>(text.size());
  if (corpus_size < options.window_size * 10) {
    return context.Error(absl::StrCat("The text file ", *filename,
                                      " contains too little data: ", corpus_size, " words"));
  }
  // Counts, then the frequent words by descending count (first appearance breaks ties).
  std::unordered_map<std::string, int32_t> counts;
  std::vector<std::string> order;
  for (const std::string& word : text) {
    if (counts[word]++ == 0) order.push_back(word);
  }
  std::vector<std::string> frequent;
  for (const std::string& word : order) {
    if (counts[word] >= options.min_count) frequent.push_back(word);
  }
  std::stable_sort(
      frequent.begin(), frequent.end(),
      [&](const std::string& a, const std::string& b) { return counts[a] > counts[b]; });
  std::vector<std::string> words = {"UNK"};
  std::vector<int32_t> freq = {0};
  std::unordered_map<std::string, int32_t> ids;
  int64_t counted = 0;
  for (const std::string& word : frequent) {
    ids[word] = static_cast<int32_t>(words.size());
    words.push_back(word);
    freq.push_back(counts[word]);
    counted += counts[word];
  }
  freq[0] = static_cast<int32_t>(corpus_size - counted);
  std::vector<int32_t> corpus;
  corpus.reserve(corpus_size);
  for (const std::string& word : text) {
    auto it = ids.find(word);
    corpus.push_back(it == ids.end() ? 0 : it->second);
  }
  return std::make_unique<SkipgramKernel>(options, std::move(words), std::move(freq),
                                          std::move(corpus));
}

REGISTER_KERNEL_FACTORY("Skipgram", BuildSkipgram);

}  // namespace
}  // namespace tfjs::runtime
