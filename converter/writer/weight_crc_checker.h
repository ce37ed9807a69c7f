// Checks the crc32c of weights copied file-to-file on a second thread, reading each copied range
// back from its data file while the caller copies the next one.
#ifndef TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_CRC_CHECKER_H_
#define TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_CRC_CHECKER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "converter/weight_source.h"
#include "converter/writer/file_range_copy.h"

namespace tfjs::converter {

class WeightCrcChecker {
 public:
  // The thread starts with the first Check.
  WeightCrcChecker() = default;
  WeightCrcChecker(const WeightCrcChecker&) = delete;
  WeightCrcChecker& operator=(const WeightCrcChecker&) = delete;
  // Abandons what is queued, after the piece in hand.
  ~WeightCrcChecker();

  // Queues bytes [offset, offset + length) of the source's data file, the next `length` bytes of
  // `source`'s range: pieces of one source are queued in order and together cover its range
  // (a source of 0 bytes is checked at once). When its last piece is read, the crc32c of all of
  // them is compared with source->crc32c; a mismatch fails with WeightSourceCrcMismatch, a read
  // error names the data file and the checkpoint key.
  void Check(std::shared_ptr<const WeightSource> source, uint64_t offset, uint64_t length);

  // The first failure so far (OK while none), without waiting.
  absl::Status status() const;

  // Waits until every queued piece is checked; the first failure.
  absl::Status Finish();

 private:
  struct Piece {
    std::shared_ptr<const WeightSource> source;
    uint64_t offset;
    uint64_t length;
  };

  void Run();
  // Reads one piece and extends the running crc; checks the crc after a source's last piece.
  absl::Status CheckPiece(const Piece& piece);
  void Fail(absl::Status failure) ABSL_LOCKS_EXCLUDED(mutex_);

  mutable absl::Mutex mutex_;
  std::deque<Piece> queue_ ABSL_GUARDED_BY(mutex_);
  // Set while the thread works on a piece it took off the queue.
  bool busy_ ABSL_GUARDED_BY(mutex_) = false;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  absl::Status status_ ABSL_GUARDED_BY(mutex_);
  std::thread thread_;

  // The thread's own state.
  std::shared_ptr<const WeightSource> current_;
  uint32_t crc_ = 0;
  // The last data file read, kept open for the next piece.
  OpenFile file_;
  std::unique_ptr<char[]> buffer_;
};

}  // namespace tfjs::converter

#endif  // TFJS_NATIVE_CONVERTER_WRITER_WEIGHT_CRC_CHECKER_H_
