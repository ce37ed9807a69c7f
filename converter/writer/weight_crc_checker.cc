#include "converter/writer/weight_crc_checker.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/types/span.h"

namespace tfjs::converter {
namespace {

// The read-back buffer: small enough to stay in the core's L2 cache between the pread that fills
// it and the crc that reads it.
constexpr size_t kBufferBytes = size_t{256} << 10;

}  // namespace

WeightCrcChecker::~WeightCrcChecker() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
  if (file_.fd >= 0) ::close(file_.fd);
}

void WeightCrcChecker::Check(std::shared_ptr<const WeightSource> source, uint64_t offset,
                             uint64_t length) {
  if (source->size == 0) {
    if (source->crc32c != 0) Fail(WeightSourceCrcMismatch(*source));
    return;
  }
  absl::MutexLock lock(&mutex_);
  queue_.push_back(Piece{std::move(source), offset, length});
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
}

absl::Status WeightCrcChecker::status() const {
  absl::MutexLock lock(&mutex_);
  return status_;
}

absl::Status WeightCrcChecker::Finish() {
  absl::MutexLock lock(&mutex_);
  mutex_.Await(absl::Condition(
      +[](WeightCrcChecker* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mutex_) {
        return self->queue_.empty() && !self->busy_;
      },
      this));
  return status_;
}

void WeightCrcChecker::Fail(absl::Status failure) {
  absl::MutexLock lock(&mutex_);
  if (status_.ok()) status_ = std::move(failure);
}

void WeightCrcChecker::Run() {
  buffer_.reset(new char[kBufferBytes]);
  for (;;) {
    Piece piece;
    {
      absl::MutexLock lock(&mutex_);
      busy_ = false;
      mutex_.Await(absl::Condition(
          +[](WeightCrcChecker* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mutex_) {
            return self->stopping_ || !self->queue_.empty();
          },
          this));
      if (stopping_) return;
      piece = std::move(queue_.front());
      queue_.pop_front();
      // After a failure the rest is drained unread: the conversion fails anyway.
      if (!status_.ok()) continue;
      busy_ = true;
    }
    if (absl::Status status = CheckPiece(piece); !status.ok()) Fail(std::move(status));
  }
}

absl::Status WeightCrcChecker::CheckPiece(const Piece& piece) {
  const WeightSource& source = *piece.source;
  if (current_ != piece.source) {
    current_ = piece.source;
    crc_ = 0;
  }
  if (file_.fd < 0 || file_.path != source.path) {
    if (file_.fd >= 0) ::close(file_.fd);
    file_.path = source.path;
    file_.fd = ::open(source.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (file_.fd < 0) {
      return absl::UnavailableError(
          absl::StrCat(source.path, ": cannot open: ", std::strerror(errno)));
    }
  }
  absl::Status status = ExtendCrcFromFile(file_, piece.offset, piece.length,
                                          absl::MakeSpan(buffer_.get(), kBufferBytes), &crc_);
  if (!status.ok()) {
    return absl::Status(status.code(),
                        absl::StrCat("tensor '", source.checkpoint_key, "': ", status.message()));
  }
  if (piece.offset + piece.length == source.offset + source.size) {
    current_ = nullptr;
    if (crc_ != source.crc32c) return WeightSourceCrcMismatch(source);
  }
  return absl::OkStatus();
}

}  // namespace tfjs::converter
