#include "runtime/kernels/nn/operator_pool.h"

#include <limits>

#include "gtest/gtest.h"

namespace tfjs::runtime::nn {
namespace {

class OperatorPoolTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitializeXnnpack().ok()); }

  // A factory that counts its calls and makes a small real operator.
  OperatorPool::Factory CountingFactory() {
    return [this]() -> absl::StatusOr<UniqueOperator> {
      ++created_;
      xnn_operator_t op = nullptr;
      absl::Status status = XnnStatus(
          xnn_create_clamp_nc_f32(/*channels=*/1, 1, 1, 0.f, 1.f, /*flags=*/0, &op), "clamp");
      if (!status.ok()) return status;
      return UniqueOperator(op);
    };
  }

  int created_ = 0;
};

TEST_F(OperatorPoolTest, ReusesAReturnedOperatorOfTheSameKey) {
  OperatorPool pool;
  xnn_operator_t first = nullptr;
  {
    absl::StatusOr<OperatorPool::Lease> lease = pool.Acquire({1, 2}, CountingFactory());
    ASSERT_TRUE(lease.ok()) << lease.status();
    first = lease->get();
  }
  absl::StatusOr<OperatorPool::Lease> again = pool.Acquire({1, 2}, CountingFactory());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->get(), first);
  EXPECT_EQ(created_, 1);
}

TEST_F(OperatorPoolTest, LendsEachOperatorToOneHolderAtATime) {
  OperatorPool pool;
  absl::StatusOr<OperatorPool::Lease> first = pool.Acquire({}, CountingFactory());
  absl::StatusOr<OperatorPool::Lease> second = pool.Acquire({}, CountingFactory());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->get(), second->get());
  EXPECT_EQ(created_, 2);
}

TEST_F(OperatorPoolTest, KeysDoNotMix) {
  OperatorPool pool;
  { ASSERT_TRUE(pool.Acquire({1}, CountingFactory()).ok()); }
  absl::StatusOr<OperatorPool::Lease> other = pool.Acquire({2}, CountingFactory());
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(created_, 2);
}

TEST_F(OperatorPoolTest, PassesOnFactoryErrors) {
  OperatorPool pool;
  absl::StatusOr<OperatorPool::Lease> lease = pool.Acquire(
      {}, []() -> absl::StatusOr<UniqueOperator> { return absl::InternalError("no operator"); });
  EXPECT_EQ(lease.status().message(), "no operator");
}

}  // namespace
}  // namespace tfjs::runtime::nn
