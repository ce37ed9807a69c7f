#include "runtime/kernels/nn/operator_pool.h"

namespace tfjs::runtime::nn {

OperatorPool::Lease::~Lease() {
  if (op_ != nullptr) pool_->Release(std::move(key_), std::move(op_));
}

absl::StatusOr<OperatorPool::Lease> OperatorPool::Acquire(const Key& key, const Factory& create) {
  {
    absl::MutexLock lock(&mutex_);
    for (auto it = idle_.begin(); it != idle_.end(); ++it) {
      if (it->first != key) continue;
      UniqueOperator op = std::move(it->second);
      idle_.erase(it);
      return Lease(this, key, std::move(op));
    }
  }
  absl::StatusOr<UniqueOperator> op = create();
  if (!op.ok()) return op.status();
  return Lease(this, key, *std::move(op));
}

void OperatorPool::Release(Key key, UniqueOperator op) {
  absl::MutexLock lock(&mutex_);
  if (idle_.size() < kMaxIdle) idle_.emplace_back(std::move(key), std::move(op));
}

}  // namespace tfjs::runtime::nn
